namespace LeadGrid.Domain.Organizations;

public interface IOrganizationRepository
{
    Task<Organization?> GetAsync(Guid id, CancellationToken ct);
    Task AddAsync(Organization organization, CancellationToken ct);
    Task UpdateAsync(Organization organization, CancellationToken ct);
    Task AddMemberAsync(Member member, CancellationToken ct);
    Task<Member?> GetMemberAsync(Guid organizationId, Guid memberId, CancellationToken ct);
}
