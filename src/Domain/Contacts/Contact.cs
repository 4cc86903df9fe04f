using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Contacts;

/// <summary>The fields of a contact as given on create; every one but the name is optional (named, never by position).</summary>
public sealed record ContactFields
{
    public string? FullName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? LinkedinUrl { get; init; }
    public string? Company { get; init; }
    public string? Role { get; init; }
    public string? City { get; init; }
    public IEnumerable<ContactKind>? Kind { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset? PoolUntil { get; init; }
}

/// <summary>A partial edit: each field absent (keep), or present with a value (null clears an optional field).</summary>
public sealed record ContactEdit
{
    public Optional<string?> FullName { get; init; }
    public Optional<string?> Email { get; init; }
    public Optional<string?> Phone { get; init; }
    public Optional<string?> LinkedinUrl { get; init; }
    public Optional<string?> Company { get; init; }
    public Optional<string?> Role { get; init; }
    public Optional<string?> City { get; init; }
    public Optional<IEnumerable<ContactKind>?> Kind { get; init; }
    public Optional<string?> Notes { get; init; }
    public Optional<DateTimeOffset?> PoolUntil { get; init; }
}

/// <summary>
/// A person in the organization's network: candidate, prospect, client, supplier and/or partner. Its email, when it
/// has one, is unique in the organization whatever its case (the database's unique index decides under races).
/// </summary>
public sealed class Contact : AggregateRoot
{
    private Contact(Guid id, Guid organizationId, DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        FullName = "";
        Kinds = [];
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public string FullName { get; private set; }
    public EmailAddress? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? LinkedinUrl { get; private set; }
    public string? Company { get; private set; }
    public string? Role { get; private set; }
    public string? City { get; private set; }
    public IReadOnlyList<ContactKind> Kinds { get; private set; }
    public string? Notes { get; private set; }
    public DateTimeOffset? PoolUntil { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Contact Create(Guid organizationId, ContactFields fields, DateTimeOffset now)
    {
        var contact = new Contact(Guid.CreateVersion7(now), organizationId, now)
        {
            FullName = Text.Required(fields.FullName, nameof(FullName), Text.NameMax),
            Email = ParseEmail(fields.Email),
            Phone = Text.Optional(fields.Phone, nameof(Phone), Text.PhoneMax),
            LinkedinUrl = Text.OptionalHttpUrl(fields.LinkedinUrl, nameof(LinkedinUrl)),
            Company = Text.Optional(fields.Company, nameof(Company), Text.NameMax),
            Role = Text.Optional(fields.Role, nameof(Role), Text.NameMax),
            City = Text.Optional(fields.City, nameof(City), Text.NameMax),
            Kinds = ContactKinds.Normalize(fields.Kind),
            Notes = Text.OptionalMultiline(fields.Notes, nameof(Notes), Text.NotesMax),
            PoolUntil = fields.PoolUntil,
        };
        return contact;
    }

    public static Contact Restore(Guid id, Guid organizationId, string fullName, string? email, string? phone,
        string? linkedinUrl, string? company, string? role, string? city, IEnumerable<ContactKind> kinds, string? notes,
        DateTimeOffset? poolUntil, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, organizationId, createdAt)
        {
            FullName = fullName,
            Email = email is null ? null : EmailAddress.Parse(email),
            Phone = phone,
            LinkedinUrl = linkedinUrl,
            Company = company,
            Role = role,
            City = city,
            Kinds = ContactKinds.Normalize(kinds),
            Notes = notes,
            PoolUntil = poolUntil,
            UpdatedAt = updatedAt,
        };

    /// <summary>Applies the fields present in <paramref name="edit"/>; <c>kind</c> replaces the whole set.</summary>
    /// <returns>Whether anything changed (nothing changed: <see cref="UpdatedAt"/> stays).</returns>
    public bool Edit(ContactEdit edit, DateTimeOffset now)
    {
        var changes = new PendingChanges();
        changes.Set(edit.FullName, v => Text.Required(v, nameof(FullName), Text.NameMax), FullName, v => FullName = v!, nameof(FullName));
        changes.Set(edit.Email, v => ParseEmail(v)?.Value, Email?.Value, v => Email = v is null ? null : EmailAddress.Parse(v), nameof(Email));
        changes.Set(edit.Phone, v => Text.Optional(v, nameof(Phone), Text.PhoneMax), Phone, v => Phone = v, nameof(Phone));
        changes.Set(edit.LinkedinUrl, v => Text.OptionalHttpUrl(v, nameof(LinkedinUrl)), LinkedinUrl, v => LinkedinUrl = v, nameof(LinkedinUrl));
        changes.Set(edit.Company, v => Text.Optional(v, nameof(Company), Text.NameMax), Company, v => Company = v, nameof(Company));
        changes.Set(edit.Role, v => Text.Optional(v, nameof(Role), Text.NameMax), Role, v => Role = v, nameof(Role));
        changes.Set(edit.City, v => Text.Optional(v, nameof(City), Text.NameMax), City, v => City = v, nameof(City));
        changes.Set(edit.Notes, v => Text.OptionalMultiline(v, nameof(Notes), Text.NotesMax), Notes, v => Notes = v, nameof(Notes));
        changes.Set(edit.PoolUntil, v => v, PoolUntil, v => PoolUntil = v, nameof(PoolUntil));
        if (edit.Kind.HasValue)
        {
            var kinds = ContactKinds.Normalize(edit.Kind.Value);
            if (!kinds.SequenceEqual(Kinds))
                changes.Add(nameof(ContactEdit.Kind), Kinds, () => Kinds = kinds);
        }

        if (!changes.Apply()) return false;
        UpdatedAt = now;
        return true;
    }

    private static EmailAddress? ParseEmail(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? null : EmailAddress.Parse(raw);
}
