namespace LeadGrid.Domain.Organizations;

public interface IOrganizationRepository
{
    Task<Organization?> GetAsync(Guid id, CancellationToken ct);

    /// <summary>The organization, its row locked until the transaction ends (serializes member additions).</summary>
    Task<Organization?> GetForUpdateAsync(Guid id, CancellationToken ct);

    Task AddAsync(Organization organization, CancellationToken ct);
    Task UpdateAsync(Organization organization, CancellationToken ct);
    Task<bool> HasMembersAsync(Guid organizationId, CancellationToken ct);
    Task AddMemberAsync(Member member, CancellationToken ct);
    Task<Member?> GetMemberAsync(Guid organizationId, Guid memberId, CancellationToken ct);
    Task UpdateMemberPasswordAsync(Member member, CancellationToken ct);
}
