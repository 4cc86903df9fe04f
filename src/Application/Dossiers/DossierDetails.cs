using Ardalis.Specification;
using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Application.Dossiers;

/// <summary>
/// SPEC §4: a dossier as the API (and every webhook about it) shows it; every field always present. Also the row
/// dossier specifications filter (the organization is a column for filters only).
/// </summary>
[RowSource("dossiers d", Key = "d.id")]
public sealed record DossierDetails : IKeysetRow
{
    [Column("d.id")] public required Guid Id { get; init; }
    [Column("d.type"), ClosedSet(typeof(DossierType))] public required string Type { get; init; }
    [Column("d.name")] public required string Name { get; init; }
    [Column("d.email::text")] public string? Email { get; init; }
    [Column("d.phone")] public string? Phone { get; init; }
    [Column("d.company")] public string? Company { get; init; }
    [Column("d.role")] public string? Role { get; init; }
    [Column("d.contact_person")] public string? ContactPerson { get; init; }
    [Column("d.deal_size"), System.ComponentModel.Description("In the currency's main unit (euros, not cents), at most 2 decimal places. Sales dossiers only.")] public decimal? DealSize { get; init; }
    [Column("d.deal_currency")] public string? DealCurrency { get; init; }
    [Column("d.status"), ClosedSet(typeof(DossierStatus))] public required string Status { get; init; }
    [Column("d.flow_id")] public Guid FlowId { get; init; }
    [Column("d.current_stage_id")] public Guid CurrentStageId { get; init; }
    [Column("d.stage_entered_at")] public DateTimeOffset StageEnteredAt { get; init; }
    [Column("d.stage_deadline_at")] public DateTimeOffset? StageDeadlineAt { get; init; }
    [Column("d.assigned_to")] public Guid? AssignedTo { get; init; }
    [Column("d.intake_notes")] public string? IntakeNotes { get; init; }
    [Column("d.cv_key")] public string? CvUrl { get; init; }
    [Column("(SELECT dc.contact_id FROM dossier_contacts dc WHERE dc.dossier_id = d.id AND dc.is_primary)")] public Guid? PrimaryContactId { get; init; }
    [Column("d.created_at")] public DateTimeOffset CreatedAt { get; init; }
    [Column("d.updated_at")] public DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore, Column("d.org_id", Selected = false)] public Guid OrganizationId { get; init; }

    /// <summary>The representation of a dossier as held in memory: what a GET right after its commit reads.</summary>
    public static DossierDetails From(Dossier dossier)
    {
        var d = dossier.State;
        return new()
        {
            Id = d.Id, Type = d.Type.ToName(), Name = d.Name!, Email = d.Email, Phone = d.Phone, Company = d.Company, Role = d.Role,
            ContactPerson = d.ContactPerson, DealSize = d.DealSize, DealCurrency = d.DealCurrency, Status = d.Status.ToName(),
            FlowId = d.FlowId, CurrentStageId = d.CurrentStageId, StageEnteredAt = d.StageEnteredAt, StageDeadlineAt = d.StageDeadlineAt,
            AssignedTo = d.AssignedTo, IntakeNotes = d.IntakeNotes, CvUrl = d.CvKey, PrimaryContactId = dossier.PrimaryContactId,
            CreatedAt = d.CreatedAt, UpdatedAt = d.UpdatedAt, OrganizationId = d.OrganizationId,
        };
    }
}

/// <summary>The dossier <paramref name="dossierId"/> of the organization: what listings under a dossier require.</summary>
public sealed class DossierOfOrganizationSpec : Specification<DossierDetails>
{
    public DossierOfOrganizationSpec(Guid organizationId, Guid dossierId) =>
        Query.Where(d => d.OrganizationId == organizationId && d.Id == dossierId);

    public static ParentCheck Required(Guid organizationId, Guid dossierId) =>
        ParentCheck.For(new DossierOfOrganizationSpec(organizationId, dossierId), "Dossier");
}

/// <summary>SPEC §6: a contact as listed on a dossier (the row also holds the link's keys and time, for filters and order).</summary>
[RowSource("dossier_contacts dc JOIN contacts c ON c.org_id = dc.org_id AND c.id = dc.contact_id", CountFrom = "dossier_contacts dc",
    Key = "dc.dossier_id, dc.contact_id")]
public sealed record DossierContactDetails
{
    [Column("dc.contact_id")] public required Guid ContactId { get; init; }
    [Column("c.full_name")] public required string FullName { get; init; }
    [Column("c.email::text")] public string? Email { get; init; }
    [Column("c.company")] public string? Company { get; init; }
    [Column("dc.role_on_dossier"), ClosedSet(typeof(ContactRole))] public required string RoleOnDossier { get; init; }
    [Column("dc.is_primary")] public bool IsPrimary { get; init; }

    [JsonIgnore, Column("dc.org_id", Selected = false)] public Guid OrganizationId { get; init; }
    [JsonIgnore, Column("dc.dossier_id", Selected = false)] public Guid DossierId { get; init; }
    [JsonIgnore, Column("dc.linked_at", Selected = false)] public DateTimeOffset LinkedAt { get; init; }
}

/// <summary>SPEC §6: the answer to linking a contact.</summary>
public sealed record DossierLink(Guid DossierId, Guid ContactId, [property: ClosedSet(typeof(ContactRole))] string RoleOnDossier, bool IsPrimary);

/// <summary>SPEC §6: the answer to unlinking a contact.</summary>
public sealed record DossierUnlink(Guid DossierId, Guid ContactId, bool Unlinked);

/// <summary>SPEC §8: a note.</summary>
[RowSource("notes n", Key = "n.id")]
public sealed record NoteDetails : IKeysetRow
{
    [Column("n.id")] public required Guid Id { get; init; }
    [Column("n.dossier_id")] public required Guid DossierId { get; init; }
    [Column("n.content")] public required string Content { get; init; }
    [Column("n.is_internal")] public bool IsInternal { get; init; }
    [Column("n.created_at")] public DateTimeOffset CreatedAt { get; init; }

    [JsonIgnore, Column("n.org_id", Selected = false)] public Guid OrganizationId { get; init; }

    public static NoteDetails From(Note n) => new()
    {
        Id = n.Id, DossierId = n.DossierId, Content = n.Content, IsInternal = n.IsInternal, CreatedAt = n.CreatedAt, OrganizationId = n.OrganizationId,
    };
}
