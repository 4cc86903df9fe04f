using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>POST /contacts: the contact's fields (<see cref="ContactFields"/>). An email already used in the organization (any case) is 409 duplicate_contact, decided by the database.</summary>
public sealed record CreateContact : ContactFields, ICommand<Guid>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class CreateContactHandler(IContactRepository contacts, TimeProvider clock) : IRequestHandler<CreateContact, Guid>
{
    public async Task<Guid> Handle(CreateContact c, CancellationToken ct)
    {
        var contact = Contact.Create(c.OrganizationId, c, clock.GetUtcNow());
        await contacts.AddAsync(contact, ct);
        return contact.Id;
    }
}
