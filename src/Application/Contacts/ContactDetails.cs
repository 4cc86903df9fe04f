namespace LeadGrid.Application.Contacts;

/// <summary>SPEC §5: a contact as the API shows it; every field always present.</summary>
public sealed record ContactDetails(Guid Id, string FullName, string? Email, string? Phone, string? LinkedinUrl,
    string? Company, string? Role, string? City, string[] Kind, string? Notes, DateTimeOffset? PoolUntil,
    long DossierCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    private ContactDetails() : this(default, "", null, null, null, null, null, null, [], null, null, 0, default, default) { } // for Dapper

    /// <summary>The representation's columns, for every query that returns contacts (alias <c>c</c>).</summary>
    internal const string Columns = """
        c.id, c.full_name AS FullName, c.email::text AS Email, c.phone, c.linkedin_url AS LinkedinUrl, c.company,
        c.role, c.city, c.kinds AS Kind, c.notes, c.pool_until AS PoolUntil,
        (SELECT count(*) FROM dossier_contacts dc WHERE dc.contact_id = c.id) AS DossierCount,
        c.created_at AS CreatedAt, c.updated_at AS UpdatedAt
        """;
}

/// <summary>The answer to deleting a contact.</summary>
public sealed record DeletedContact(Guid Id, bool Deleted);
