using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Contacts;

internal sealed class ContactRepository(IDbSession session) : IContactRepository
{
    private static readonly StateTable<ContactState> Table = new("contacts", (nameof(ContactState.Kind), "kinds"));

    private static readonly string SelectForUpdate = $"""
        SELECT {Table.SelectList}
        FROM contacts WHERE org_id = @organizationId AND id = @id
        FOR UPDATE
        """;

    public async Task<Contact?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<dynamic>(SelectForUpdate, new { organizationId, id }, ct);
        if (row is null) return null;
        var contact = Contact.Restore(Table.Read((IDictionary<string, object?>)row));
        session.Track(contact);
        return contact;
    }

    public async Task AddAsync(Contact c, CancellationToken ct)
    {
        await session.ExecuteAsync(Table.Insert, Table.Parameters(c.State), ct);
        session.Track(c);
    }

    public async Task<bool> ExistsAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM contacts WHERE org_id = @organizationId AND id = @id)",
            new { organizationId, id }, ct);

    public async Task<Guid> AddOrFindByEmailAsync(Contact c, CancellationToken ct)
    {
        if (c.State.Email is null)
        {
            // Nothing to find and nothing to conflict with: the insert goes with the commit.
            session.Defer(Table.Insert, Table.Parameters(c.State));
            session.Track(c);
            return c.Id;
        }
        // ON CONFLICT waits for a racing insert of the same email and then does nothing; the next statement (a new
        // snapshot under READ COMMITTED) sees the winner's row.
        var inserted = await session.ExecuteScalarAsync<Guid?>(Table.Insert + """

            ON CONFLICT (org_id, email) WHERE email IS NOT NULL DO NOTHING
            RETURNING id
            """, Table.Parameters(c.State), ct);
        if (inserted is { } id)
        {
            session.Track(c);
            return id;
        }
        return await session.ExecuteScalarAsync<Guid>("SELECT id FROM contacts WHERE org_id = @OrganizationId AND email = @email::citext",
            new { c.OrganizationId, email = c.State.Email }, ct);
    }

    public Task UpdateAsync(Contact c, CancellationToken ct) =>
        session.ExecuteAsync(Table.Update, Table.Parameters(c.State), ct);

    public async Task<bool> DeleteAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM contacts WHERE org_id = @organizationId AND id = @id", new { organizationId, id }, ct) == 1;
}
