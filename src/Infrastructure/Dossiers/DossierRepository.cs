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
    private readonly Dictionary<Guid, ContactLink[]> _linksAsRead = [];

    public async Task<Dossier?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        // The row lock comes first in the batch, so the links read after it cannot change under us.
        using var results = await session.QueryMultipleAsync("""
            SELECT id, org_id AS OrganizationId, type, name, email::text AS Email, phone, company, role,
                   contact_person AS ContactPerson, deal_size AS DealSize, deal_currency AS DealCurrency, status,
                   flow_id AS FlowId, current_stage_id AS CurrentStageId, stage_entered_at AS StageEnteredAt,
                   stage_deadline_at AS StageDeadlineAt, assigned_to AS AssignedTo, intake_notes AS IntakeNotes,
                   cv_key AS CvKey, created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM dossiers WHERE org_id = @organizationId AND id = @id
            FOR UPDATE;
            SELECT contact_id AS ContactId, role_on_dossier AS Role, is_primary AS IsPrimary, linked_at AS LinkedAt
            FROM dossier_contacts WHERE org_id = @organizationId AND dossier_id = @id
            ORDER BY linked_at, contact_id;
            """, new { organizationId, id }, ct);
        var row = await results.ReadSingleOrDefaultAsync<Row>();
        var links = (await results.ReadAsync<LinkRow>()).Select(l => l.ToLink()).ToArray();
        if (row is null) return null;
        _linksAsRead[row.Id] = links;
        var dossier = Dossier.Restore(row.Id, row.OrganizationId, WireNames<DossierType>.Parse(row.Type, nameof(Row.Type)), row.Name, row.Email, row.Phone,
            row.Company, row.Role, row.ContactPerson, row.DealSize, row.DealCurrency, WireNames<DossierStatus>.Parse(row.Status, nameof(Row.Status)),
            row.FlowId, row.CurrentStageId, row.StageEnteredAt, row.StageDeadlineAt, row.AssignedTo, row.IntakeNotes,
            row.CvKey, links, row.CreatedAt, row.UpdatedAt);
        session.Track(dossier);
        return dossier;
    }

    public Task AddAsync(Dossier d, CancellationToken ct)
    {
        session.Defer("""
            INSERT INTO dossiers (id, org_id, type, name, email, phone, company, role, contact_person, deal_size,
                                  deal_currency, status, flow_id, current_stage_id, stage_entered_at, stage_deadline_at,
                                  assigned_to, intake_notes, cv_key, created_at, updated_at)
            VALUES (@Id, @OrganizationId, @type, @Name, @email, @Phone, @Company, @Role, @ContactPerson, @DealSize,
                    @DealCurrency, @status, @FlowId, @CurrentStageId, @StageEnteredAt, @StageDeadlineAt,
                    @AssignedTo, @IntakeNotes, @CvKey, @CreatedAt, @UpdatedAt);
            """ + (d.Links.Count > 0 ? UpsertLinksSql : ""), Parameters(d));
        session.Track(d);
        return Task.CompletedTask;
    }

    public Task UpdateAsync(Dossier d, CancellationToken ct)
    {
        var linksChanged = !_linksAsRead.TryGetValue(d.Id, out var asRead) || !asRead.SequenceEqual(d.Links);
        session.Defer("""
            UPDATE dossiers SET name = @Name, email = @email, phone = @Phone, company = @Company, role = @Role,
                   contact_person = @ContactPerson, deal_size = @DealSize, deal_currency = @DealCurrency, status = @status,
                   current_stage_id = @CurrentStageId, stage_entered_at = @StageEnteredAt,
                   stage_deadline_at = @StageDeadlineAt, assigned_to = @AssignedTo, intake_notes = @IntakeNotes,
                   cv_key = @CvKey, updated_at = @UpdatedAt
            WHERE org_id = @OrganizationId AND id = @Id;
            """ + (linksChanged ? LinksSql : ""), Parameters(d));
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

    private static object Parameters(Dossier d) => new
    {
        d.Id, d.OrganizationId, type = d.Type.ToName(), d.Name, email = d.Email?.Value, d.Phone, d.Company, d.Role,
        d.ContactPerson, d.DealSize, d.DealCurrency, status = d.Status.ToName(), d.FlowId, d.CurrentStageId,
        d.StageEnteredAt, d.StageDeadlineAt, d.AssignedTo, d.IntakeNotes, d.CvKey, d.CreatedAt, d.UpdatedAt,
        primaryId = d.PrimaryContactId,
        contactIds = d.Links.Select(l => l.ContactId).ToArray(),
        roles = d.Links.Select(l => l.Role.ToName()).ToArray(),
        primaries = d.Links.Select(l => l.IsPrimary).ToArray(),
        linkedAts = d.Links.Select(l => l.LinkedAt.UtcDateTime).ToArray(),
    };

    private sealed record Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public required string Type { get; init; }
        public required string Name { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Company { get; init; }
        public string? Role { get; init; }
        public string? ContactPerson { get; init; }
        public decimal? DealSize { get; init; }
        public string? DealCurrency { get; init; }
        public required string Status { get; init; }
        public Guid FlowId { get; init; }
        public Guid CurrentStageId { get; init; }
        public DateTimeOffset StageEnteredAt { get; init; }
        public DateTimeOffset? StageDeadlineAt { get; init; }
        public Guid? AssignedTo { get; init; }
        public string? IntakeNotes { get; init; }
        public string? CvKey { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
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
