using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>PATCH /contacts/:id: only the fields sent change; null clears an optional one; kind replaces the set.</summary>
public sealed record UpdateContact(Optional<string?> FullName, Optional<string?> Email, Optional<string?> Phone,
    Optional<string?> LinkedinUrl, Optional<string?> Company, Optional<string?> Role, Optional<string?> City,
    Optional<ContactKind[]?> Kind, Optional<string?> Notes, Optional<DateTimeOffset?> PoolUntil) : ICommand<Guid>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid ContactId { get; init; }
}

internal sealed class UpdateContactHandler(IContactRepository contacts, TimeProvider clock) : IRequestHandler<UpdateContact, Guid>
{
    public async Task<Guid> Handle(UpdateContact c, CancellationToken ct)
    {
        var contact = await contacts.GetForUpdateAsync(c.OrganizationId, c.ContactId, ct) ?? throw new NotFoundException("Contact");
        var kind = c.Kind.HasValue ? new Optional<IEnumerable<ContactKind>?>(c.Kind.Value) : default;
        var edit = new ContactEdit
        {
            FullName = c.FullName, Email = c.Email, Phone = c.Phone, LinkedinUrl = c.LinkedinUrl, Company = c.Company, Role = c.Role,
            City = c.City, Kind = kind, Notes = c.Notes, PoolUntil = c.PoolUntil,
        };
        if (contact.Edit(edit, clock.GetUtcNow()))
            await contacts.UpdateAsync(contact, ct);
        return contact.Id;
    }
}
