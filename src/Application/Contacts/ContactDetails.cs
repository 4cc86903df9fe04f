using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;

namespace LeadGrid.Application.Contacts;

/// <summary>
/// SPEC §5: a contact as the API shows it; every field always present. Also the read-model row that contact
/// specifications filter: the organization and the search text are columns for filters only.
/// </summary>
[RowSource("contacts c", Key = "c.id")]
public sealed record ContactDetails : IKeysetRow
{
    [Column("c.id")] public required Guid Id { get; init; }
    [Column("c.full_name")] public required string FullName { get; init; }
    [Column("c.email::text")] public string? Email { get; init; }
    [Column("c.phone")] public string? Phone { get; init; }
    [Column("c.linkedin_url")] public string? LinkedinUrl { get; init; }
    [Column("c.company")] public string? Company { get; init; }
    [Column("c.role")] public string? Role { get; init; }
    [Column("c.city")] public string? City { get; init; }
    [Column("c.kinds"), ClosedSet(typeof(ContactKind))] public required string[] Kind { get; init; }
    [Column("c.notes")] public string? Notes { get; init; }
    [Column("c.pool_until")] public DateTimeOffset? PoolUntil { get; init; }
    [Column("(SELECT count(*) FROM dossier_contacts dc WHERE dc.contact_id = c.id)")] public long DossierCount { get; init; }
    [Column("c.created_at")] public DateTimeOffset CreatedAt { get; init; }
    [Column("c.updated_at")] public DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore, Column("c.org_id", Selected = false)] public Guid OrganizationId { get; init; }

    /// <summary>full_name, email, company and role, folded (unaccented, lower-cased with ICU) and joined by U+001F; its words are searched (M0012_WordPrefixSearch).</summary>
    [JsonIgnore, Column("c.search_text", Selected = false, Words = "c.search_words")] public string SearchText { get; init; } = "";

    /// <summary>The representation of a contact as held in memory, linked to <paramref name="dossierCount"/> dossiers.</summary>
    public static ContactDetails From(ContactState c, long dossierCount) => new()
    {
        Id = c.Id, FullName = c.FullName!, Email = c.Email, Phone = c.Phone, LinkedinUrl = c.LinkedinUrl, Company = c.Company,
        Role = c.Role, City = c.City, Kind = [.. (c.Kind ?? []).Select(k => k.ToName())], Notes = c.Notes, PoolUntil = c.PoolUntil,
        DossierCount = dossierCount, CreatedAt = c.CreatedAt, UpdatedAt = c.UpdatedAt, OrganizationId = c.OrganizationId,
    };
}

/// <summary>The answer to deleting a contact.</summary>
public sealed record DeletedContact(Guid Id, bool Deleted);
