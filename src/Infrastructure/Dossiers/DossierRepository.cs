using Dapper;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Dossiers;

/// <summary>
/// Dossiers with their links. Writes are deferred to the commit (one round trip with the stage history and the outbox);
/// an update writes the links only when they changed since the dossier was read.
/// </summary>
internal sealed class DossierRepository(IDbSession session) : IDossierRepository
{
    private static readonly StateTable<DossierState> Table = new("dossiers");

    private readonly Dictionary<Guid, ContactLink[]> _linksAsRead = [];

    // The row lock comes first in the batch, so the links read after it cannot change under us.
    private static readonly string SelectForUpdate = $"""
        SELECT {Table.SelectList}
        FROM dossiers WHERE org_id = @organizationId AND id = @id
        FOR UPDATE;
        SELECT contact_id AS ContactId, role_on_dossier AS Role, is_primary AS IsPrimary, linked_at AS LinkedAt
        FROM dossier_contacts WHERE org_id = @organizationId AND dossier_id = @id
        ORDER BY linked_at, contact_id;
        """;

    public async Task<Dossier?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        using var results = await session.QueryMultipleAsync(SelectForUpdate, new { organizationId, id }, ct);
        var row = await results.ReadSingleOrDefaultAsync<dynamic>();
        var links = (await results.ReadAsync<LinkRow>()).Select(l => l.ToLink()).ToArray();
        if (row is null) return null;
        var dossier = Dossier.Restore(Table.Read((IDictionary<string, object?>)row), links);
        _linksAsRead[dossier.Id] = links;
        session.Track(dossier);
        return dossier;
    }

    public Task AddAsync(Dossier d, CancellationToken ct)
    {
        session.Defer(Table.Insert + ";\n" + (d.Links.Count > 0 ? UpsertLinksSql : ""), Parameters(d));
        session.Track(d);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(Dossier d, CancellationToken ct)
    {
        var linksChanged = !_linksAsRead.TryGetValue(d.Id, out var asRead) || !asRead.SequenceEqual(d.Links);
        session.Defer(Table.Update + ";\n" + (linksChanged ? LinksSql : ""), Parameters(d));
        _linksAsRead[d.Id] = d.Links.ToArray();
        return Task.CompletedTask;
    }

    /// <summary>The links as the aggregate holds them: the ones it dropped deleted, a demoted primary first, then upserts.</summary>
    private const string LinksSql = """
            DELETE FROM dossier_contacts
            WHERE org_id = @OrganizationId AND dossier_id = @Id AND NOT (contact_id = ANY (@contactIds));
            UPDATE dossier_contacts SET is_primary = false
            WHERE org_id = @OrganizationId AND dossier_id = @Id AND is_primary AND contact_id IS DISTINCT FROM @primaryId;
            """ + UpsertLinksSql;

    /// <summary>Links as the aggregate holds them; demotions run before this, so one primary at a time.</summary>
    private const string UpsertLinksSql = """
        INSERT INTO dossier_contacts (org_id, dossier_id, contact_id, role_on_dossier, is_primary, linked_at)
        SELECT @OrganizationId, @Id, l.contact_id, l.role, l.is_primary, l.linked_at
        FROM unnest(@contactIds, @roles, @primaries, @linkedAts) AS l(contact_id, role, is_primary, linked_at)
        ON CONFLICT (dossier_id, contact_id)
        DO UPDATE SET role_on_dossier = EXCLUDED.role_on_dossier, is_primary = EXCLUDED.is_primary
        WHERE (dossier_contacts.role_on_dossier, dossier_contacts.is_primary) IS DISTINCT FROM (EXCLUDED.role_on_dossier, EXCLUDED.is_primary);
        """;

    private static Dictionary<string, object?> Parameters(Dossier d)
    {
        var parameters = Table.Parameters(d.State);
        parameters["primaryId"] = d.PrimaryContactId;
        parameters["contactIds"] = d.Links.Select(l => l.ContactId).ToArray();
        parameters["roles"] = d.Links.Select(l => l.Role.ToName()).ToArray();
        parameters["primaries"] = d.Links.Select(l => l.IsPrimary).ToArray();
        parameters["linkedAts"] = d.Links.Select(l => l.LinkedAt.UtcDateTime).ToArray();
        return parameters;
    }

    private sealed record LinkRow
    {
        public Guid ContactId { get; init; }
        public required string Role { get; init; }
        public bool IsPrimary { get; init; }
        public DateTimeOffset LinkedAt { get; init; }

        public ContactLink ToLink() => new(ContactId, WireNames<ContactRole>.Parse(Role, nameof(Role)), IsPrimary, LinkedAt);
    }
}

/// <summary>Notes; an insert is deferred to the commit (one round trip with its outbox row).</summary>
internal sealed class NoteRepository(IDbSession session) : INoteRepository
{
    public Task AddAsync(Note n, CancellationToken ct)
    {
        session.Defer("""
            INSERT INTO notes (id, org_id, dossier_id, content, is_internal, created_at)
            VALUES (@Id, @OrganizationId, @DossierId, @Content, @IsInternal, @CreatedAt)
            """, new { n.Id, n.OrganizationId, n.DossierId, n.Content, n.IsInternal, n.CreatedAt });
        session.Track(n);
        return Task.CompletedTask;
    }
}
