using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Contacts;

internal sealed class ContactRepository(IDbSession session) : IContactRepository
{
    public async Task<Contact?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>("""
            SELECT id, org_id AS OrganizationId, full_name AS FullName, email::text AS Email, phone,
                   linkedin_url AS LinkedinUrl, company, role, city, kinds, notes, pool_until AS PoolUntil,
                   created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM contacts WHERE org_id = @organizationId AND id = @id
            FOR UPDATE
            """, new { organizationId, id }, ct);
        if (row is null) return null;
        var contact = Contact.Restore(row.Id, row.OrganizationId, row.FullName, row.Email, row.Phone, row.LinkedinUrl,
            row.Company, row.Role, row.City, row.Kinds.Select(k => WireNames<ContactKind>.Parse(k, nameof(Row.Kinds))), row.Notes, row.PoolUntil, row.CreatedAt, row.UpdatedAt);
        session.Track(contact);
        return contact;
    }

    private const string InsertSql = """
        INSERT INTO contacts (id, org_id, full_name, email, phone, linkedin_url, company, role, city, kinds, notes,
                              pool_until, created_at, updated_at)
        VALUES (@Id, @OrganizationId, @FullName, @email, @Phone, @LinkedinUrl, @Company, @Role, @City, @kinds, @Notes,
                @PoolUntil, @CreatedAt, @UpdatedAt)
        """;

    public async Task AddAsync(Contact c, CancellationToken ct)
    {
        await session.ExecuteAsync(InsertSql, Parameters(c), ct);
        session.Track(c);
    }

    public async Task<bool> ExistsAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM contacts WHERE org_id = @organizationId AND id = @id)",
            new { organizationId, id }, ct);

    public async Task<Guid> AddOrFindByEmailAsync(Contact c, CancellationToken ct)
    {
        if (c.Email is null)
        {
            // Nothing to find and nothing to conflict with: the insert goes with the commit.
            session.Defer(InsertSql, Parameters(c));
            session.Track(c);
            return c.Id;
        }
        // ON CONFLICT waits for a racing insert of the same email and then does nothing; the next statement (a new
        // snapshot under READ COMMITTED) sees the winner's row.
        var inserted = await session.ExecuteScalarAsync<Guid?>(InsertSql + """

            ON CONFLICT (org_id, email) WHERE email IS NOT NULL DO NOTHING
            RETURNING id
            """, Parameters(c), ct);
        if (inserted is { } id)
        {
            session.Track(c);
            return id;
        }
        return await session.ExecuteScalarAsync<Guid>("SELECT id FROM contacts WHERE org_id = @OrganizationId AND email = @email::citext",
            new { c.OrganizationId, email = c.Email!.Value }, ct);
    }

    public Task UpdateAsync(Contact c, CancellationToken ct) =>
        session.ExecuteAsync("""
            UPDATE contacts SET full_name = @FullName, email = @email, phone = @Phone, linkedin_url = @LinkedinUrl,
                   company = @Company, role = @Role, city = @City, kinds = @kinds, notes = @Notes,
                   pool_until = @PoolUntil, updated_at = @UpdatedAt
            WHERE org_id = @OrganizationId AND id = @Id
            """, Parameters(c), ct);

    public async Task<bool> DeleteAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM contacts WHERE org_id = @organizationId AND id = @id", new { organizationId, id }, ct) == 1;

    private static object Parameters(Contact c) => new
    {
        c.Id, c.OrganizationId, c.FullName, email = c.Email?.Value, c.Phone, c.LinkedinUrl, c.Company, c.Role, c.City,
        kinds = c.Kinds.Select(k => k.ToName()).ToArray(), c.Notes, c.PoolUntil, c.CreatedAt, c.UpdatedAt,
    };

    private sealed record Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public required string FullName { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? LinkedinUrl { get; init; }
        public string? Company { get; init; }
        public string? Role { get; init; }
        public string? City { get; init; }
        public required string[] Kinds { get; init; }
        public string? Notes { get; init; }
        public DateTimeOffset? PoolUntil { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
