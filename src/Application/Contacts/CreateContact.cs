using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>POST /contacts. An email already used in the organization (any case) is 409 duplicate_contact, decided by the database.</summary>
public sealed record CreateContact(string? FullName, string? Email = null, string? Phone = null, string? LinkedinUrl = null,
    string? Company = null, string? Role = null, string? City = null, ContactKind[]? Kind = null, string? Notes = null,
    DateTimeOffset? PoolUntil = null) : ICommand<Guid>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class CreateContactHandler(IContactRepository contacts, TimeProvider clock) : IRequestHandler<CreateContact, Guid>
{
    public async Task<Guid> Handle(CreateContact c, CancellationToken ct)
    {
        var contact = Contact.Create(c.OrganizationId,
            new ContactFields
            {
                FullName = c.FullName, Email = c.Email, Phone = c.Phone, LinkedinUrl = c.LinkedinUrl, Company = c.Company, Role = c.Role,
                City = c.City, Kind = c.Kind, Notes = c.Notes, PoolUntil = c.PoolUntil,
            },
            clock.GetUtcNow());
        await contacts.AddAsync(contact, ct);
        return contact.Id;
    }
}
