using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>PATCH /contacts/:id: only the fields sent change; null clears an optional one; kind replaces the set.</summary>
public sealed record UpdateContact : ContactFields, ICommand<Guid>, IPartial
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid ContactId { get; init; }
    [SetByServer] public ISet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

internal sealed class UpdateContactHandler(IContactRepository contacts, TimeProvider clock) : IRequestHandler<UpdateContact, Guid>
{
    public async Task<Guid> Handle(UpdateContact c, CancellationToken ct)
    {
        var contact = await contacts.GetForUpdateAsync(c.OrganizationId, c.ContactId, ct) ?? throw new NotFoundException("Contact");
        if (contact.Edit(new Patch<ContactFields>(c, c.Given.ToHashSet()), clock.GetUtcNow()))
            await contacts.UpdateAsync(contact, ct);
        return contact.Id;
    }
}
