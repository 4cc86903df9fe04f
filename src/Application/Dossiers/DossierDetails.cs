namespace LeadGrid.Application.Dossiers;

/// <summary>SPEC §4: a dossier as the API (and every webhook about it) shows it; every field always present.</summary>
public sealed record DossierDetails(Guid Id, string Type, string Name, string? Email, string? Phone, string? Company,
    string? Role, string? ContactPerson, decimal? DealSize, string? DealCurrency, string Status, Guid FlowId,
    Guid CurrentStageId, DateTimeOffset StageEnteredAt, DateTimeOffset? StageDeadlineAt, Guid? AssignedTo,
    string? IntakeNotes, string? CvUrl, Guid? PrimaryContactId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    private DossierDetails() : this(default, "", "", null, null, null, null, null, null, null, "", default, default,
        default, null, null, null, null, null, default, default) { } // for Dapper

    /// <summary>The representation's columns, for every query that returns dossiers (alias <c>d</c>).</summary>
    internal const string Columns = """
        d.id, d.type, d.name, d.email::text AS Email, d.phone, d.company, d.role, d.contact_person AS ContactPerson,
        d.deal_size AS DealSize, d.deal_currency AS DealCurrency, d.status, d.flow_id AS FlowId,
        d.current_stage_id AS CurrentStageId, d.stage_entered_at AS StageEnteredAt, d.stage_deadline_at AS StageDeadlineAt,
        d.assigned_to AS AssignedTo, d.intake_notes AS IntakeNotes, d.cv_key AS CvUrl,
        (SELECT dc.contact_id FROM dossier_contacts dc WHERE dc.dossier_id = d.id AND dc.is_primary) AS PrimaryContactId,
        d.created_at AS CreatedAt, d.updated_at AS UpdatedAt
        """;
}

/// <summary>SPEC §6: a contact as listed on a dossier.</summary>
public sealed record DossierContactDetails(Guid ContactId, string FullName, string? Email, string? Company,
    string RoleOnDossier, bool IsPrimary)
{
    private DossierContactDetails() : this(default, "", null, null, "", false) { } // for Dapper
}

/// <summary>SPEC §6: the answer to linking a contact.</summary>
public sealed record DossierLink(Guid DossierId, Guid ContactId, string RoleOnDossier, bool IsPrimary);

/// <summary>SPEC §6: the answer to unlinking a contact.</summary>
public sealed record DossierUnlink(Guid DossierId, Guid ContactId, bool Unlinked);

/// <summary>SPEC §8: a note.</summary>
public sealed record NoteDetails(Guid Id, Guid DossierId, string Content, bool IsInternal, DateTimeOffset CreatedAt)
{
    private NoteDetails() : this(default, default, "", false, default) { } // for Dapper
}
