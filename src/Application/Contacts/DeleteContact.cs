using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>DELETE /contacts/:id: permanent; the contact's dossier links go with it, the dossiers stay.</summary>
public sealed record DeleteContact(Guid OrganizationId, Guid ContactId) : ICommand<DeletedContact>;

internal sealed class DeleteContactHandler(IContactRepository contacts) : IRequestHandler<DeleteContact, DeletedContact>
{
    public async Task<DeletedContact> Handle(DeleteContact c, CancellationToken ct) =>
        await contacts.DeleteAsync(c.OrganizationId, c.ContactId, ct)
            ? new DeletedContact(c.ContactId, true)
            : throw new NotFoundException("Contact");
}
