using System.Diagnostics.CodeAnalysis;
using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Contacts;

/// <summary>
/// The fields of a contact that the API takes (on create, and in a PATCH): every one but the name is optional. A new
/// field is declared here once; the commands, the state, the columns and the edit follow from it.
/// </summary>
public record ContactFields
{
    [DisallowNull] public string? FullName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? LinkedinUrl { get; init; }
    public string? Company { get; init; }
    public string? Role { get; init; }
    public string? City { get; init; }
    public ContactKind[]? Kind { get; init; }
    public string? Notes { get; init; }
    public DateTimeOffset? PoolUntil { get; init; }
}

/// <summary>A contact as it is stored: its checked fields and what the server keeps beside them (one row of <c>contacts</c>).</summary>
public sealed record ContactState : ContactFields
{
    public ContactState() { }

    public ContactState(ContactFields fields) : base(fields) { }

    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// A person in the organization's network: candidate, prospect, client, supplier and/or partner. Its email, when it
/// has one, is unique in the organization whatever its case (the database's unique index decides under races).
/// </summary>
public sealed class Contact : AggregateRoot
{
    private Contact(ContactState state) => State = state;

    public ContactState State { get; private set; }

    public Guid Id => State.Id;
    public Guid OrganizationId => State.OrganizationId;

    public static Contact Create(Guid organizationId, ContactFields fields, DateTimeOffset now) =>
        new(new ContactState(Checked(fields))
        {
            Id = Guid.CreateVersion7(now), OrganizationId = organizationId, CreatedAt = now, UpdatedAt = now,
        });

    public static Contact Restore(ContactState state) => new(state);

    /// <summary>Applies the fields given in <paramref name="patch"/>; <c>kind</c> replaces the whole set.</summary>
    /// <returns>Whether anything changed (nothing changed: <c>updated_at</c> stays).</returns>
    public bool Edit(Patch<ContactFields> patch, DateTimeOffset now)
    {
        var next = Checked(patch.ApplyTo(State));
        if (Fields<ContactFields>.Changes(State, next).Count == 0) return false;
        State = Fields<ContactFields>.Onto(State with { UpdatedAt = now }, next);
        return true;
    }

    /// <summary>
    /// Every field checked and in its canonical form: the one place a contact field's rule is written (a field without
    /// a rule is kept as given).
    /// </summary>
    private static ContactFields Checked(ContactFields f) => f with
    {
        FullName = Text.Required(f.FullName, nameof(f.FullName), Text.NameMax),
        Email = string.IsNullOrWhiteSpace(f.Email) ? null : EmailAddress.Parse(f.Email).Value,
        Phone = Text.Optional(f.Phone, nameof(f.Phone), Text.PhoneMax),
        LinkedinUrl = Text.OptionalHttpUrl(f.LinkedinUrl, nameof(f.LinkedinUrl)),
        Company = Text.Optional(f.Company, nameof(f.Company), Text.NameMax),
        Role = Text.Optional(f.Role, nameof(f.Role), Text.NameMax),
        City = Text.Optional(f.City, nameof(f.City), Text.NameMax),
        Kind = [.. ContactKinds.Normalize(f.Kind)],
        Notes = Text.OptionalMultiline(f.Notes, nameof(f.Notes), Text.NotesMax),
        PoolUntil = f.PoolUntil,
    };
}
