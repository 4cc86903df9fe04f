using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Organizations;

internal sealed class OrganizationRepository(IDbSession session) : IOrganizationRepository
{
    public Task<Organization?> GetAsync(Guid id, CancellationToken ct) => GetAsync(id, "", ct);

    public Task<Organization?> GetForUpdateAsync(Guid id, CancellationToken ct) => GetAsync(id, " FOR UPDATE", ct);

    private async Task<Organization?> GetAsync(Guid id, string locking, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>($"""
            SELECT id, name, plan, created_at AS CreatedAt, updated_at AS UpdatedAt FROM organizations WHERE id = @id{locking}
            """, new { id }, ct);
        if (row is null) return null;
        var organization = Organization.Restore(row.Id, row.Name, WireNames<Plan>.Parse(row.Plan, nameof(Row.Plan)), row.CreatedAt, row.UpdatedAt);
        session.Track(organization);
        return organization;
    }

    public async Task<bool> HasMembersAsync(Guid organizationId, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM members WHERE org_id = @organizationId)", new { organizationId }, ct);

    public Task UpdateMemberPasswordAsync(Member m, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE members SET password_hash = @PasswordHash WHERE org_id = @OrganizationId AND id = @Id",
            new { m.PasswordHash, m.OrganizationId, m.Id }, ct);

    public async Task AddAsync(Organization o, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO organizations (id, name, plan, created_at, updated_at) VALUES (@Id, @Name, @plan, @CreatedAt, @UpdatedAt)
            """, new { o.Id, o.Name, plan = o.Plan.ToName(), o.CreatedAt, o.UpdatedAt }, ct);
        session.Track(o);
    }

    public Task UpdateAsync(Organization o, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE organizations SET name = @Name, plan = @plan, updated_at = @UpdatedAt WHERE id = @Id",
            new { o.Id, o.Name, plan = o.Plan.ToName(), o.UpdatedAt }, ct);

    public async Task AddMemberAsync(Member m, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO members (id, org_id, email, full_name, role, password_hash, created_at)
            VALUES (@Id, @OrganizationId, @email, @FullName, @role, @PasswordHash, @CreatedAt)
            """, new { m.Id, m.OrganizationId, email = m.Email.Value, m.FullName, role = m.Role.ToName(), m.PasswordHash, m.CreatedAt }, ct);
        session.Track(m);
    }

    public async Task<Member?> GetMemberAsync(Guid organizationId, Guid memberId, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<MemberRow>($"""
            SELECT {MemberRow.Columns}
            FROM members m WHERE m.org_id = @organizationId AND m.id = @memberId
            """, new { organizationId, memberId }, ct);
        return row?.ToMember();
    }

    internal sealed record MemberRow
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public required string Email { get; init; }
        public required string FullName { get; init; }
        public required string Role { get; init; }
        public string? PasswordHash { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        /// <summary>The select list of a member row, from <c>members m</c>.</summary>
        public const string Columns = "m.id, m.org_id AS OrganizationId, m.email::text AS Email, m.full_name AS FullName, m.role AS Role, " +
                                      "m.password_hash AS PasswordHash, m.created_at AS CreatedAt";

        public Member ToMember() => Member.Restore(Id, OrganizationId, Email, FullName, WireNames<MemberRole>.Parse(Role, nameof(Role)), PasswordHash, CreatedAt);
    }

    private sealed record Row
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public required string Plan { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
