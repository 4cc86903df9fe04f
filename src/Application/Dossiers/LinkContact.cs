using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>
/// POST /dossiers/:id/contacts. is_primary demotes the previous primary in the same transaction; the dossier row is
/// locked for the change, and a partial unique index backs "one primary" under any concurrency.
/// </summary>
public sealed record LinkContact(Guid ContactId, ContactRole? RoleOnDossier, bool? IsPrimary = null) : ICommand<(DossierLink Link, bool Created)>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid DossierId { get; init; }
}

internal sealed class LinkContactHandler(IDossierRepository dossiers, IContactRepository contacts, TimeProvider clock)
    : IRequestHandler<LinkContact, (DossierLink Link, bool Created)>
{
    public async Task<(DossierLink Link, bool Created)> Handle(LinkContact c, CancellationToken ct)
    {
        var contactId = c.ContactId;
        var role = c.RoleOnDossier ?? throw DomainException.Invalid(nameof(c.RoleOnDossier), "is required.");
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        if (!await contacts.ExistsAsync(c.OrganizationId, contactId, ct))
            throw DomainException.Invalid(nameof(c.ContactId), "is not a contact of this organization.");

        var outcome = dossier.LinkContact(contactId, role, c.IsPrimary ?? false, clock.GetUtcNow());
        if (outcome != LinkOutcome.Unchanged)
            await dossiers.UpdateAsync(dossier, ct);
        var link = dossier.Links.Single(l => l.ContactId == contactId);
        return (new DossierLink(dossier.Id, contactId, link.Role.ToName(), link.IsPrimary), outcome == LinkOutcome.Created);
    }
}
