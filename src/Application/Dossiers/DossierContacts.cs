using Ardalis.Specification;
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
public sealed record LinkContact(Guid? ContactId, string? RoleOnDossier, bool? IsPrimary = null) : ICommand<(DossierLink Link, bool Created)>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid DossierId { get; init; }
}

internal sealed class LinkContactHandler(IDossierRepository dossiers, IContactRepository contacts, TimeProvider clock)
    : IRequestHandler<LinkContact, (DossierLink Link, bool Created)>
{
    public async Task<(DossierLink Link, bool Created)> Handle(LinkContact c, CancellationToken ct)
    {
        var contactId = c.ContactId ?? throw DomainException.Invalid("'contact_id' is required.");
        var role = ContactRoles.Parse(c.RoleOnDossier);
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        if (!await contacts.ExistsAsync(c.OrganizationId, contactId, ct))
            throw DomainException.Invalid("'contact_id' is not a contact of this organization.");

        var outcome = dossier.LinkContact(contactId, role, c.IsPrimary ?? false, clock.GetUtcNow());
        if (outcome != LinkOutcome.Unchanged)
            await dossiers.UpdateAsync(dossier, ct);
        var link = dossier.Links.Single(l => l.ContactId == contactId);
        return (new DossierLink(dossier.Id, contactId, link.Role.ToName(), link.IsPrimary), outcome == LinkOutcome.Created);
    }
}

/// <summary>DELETE /dossiers/:id/contacts/:contact_id: the link goes, the contact stays; 404 when not linked.</summary>
public sealed record UnlinkContact(Guid OrganizationId, Guid DossierId, Guid ContactId) : ICommand<DossierUnlink>;

internal sealed class UnlinkContactHandler(IDossierRepository dossiers, TimeProvider clock) : IRequestHandler<UnlinkContact, DossierUnlink>
{
    public async Task<DossierUnlink> Handle(UnlinkContact c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        if (!dossier.UnlinkContact(c.ContactId, clock.GetUtcNow()))
            throw new NotFoundException("Contact link");
        await dossiers.UpdateAsync(dossier, ct);
        return new DossierUnlink(dossier.Id, c.ContactId, true);
    }
}

/// <summary>GET /dossiers/:id/contacts: primary first, then by link time; paginated.</summary>
public sealed record ListDossierContacts(Guid OrganizationId, Guid DossierId, PageRequest Page) : IRequest<Paged<DossierContactDetails>>;

/// <summary>A dossier's contacts: the primary first, then by link time.</summary>
public sealed class DossierContactListSpec : Specification<DossierContactDetails>
{
    public DossierContactListSpec(Guid organizationId, Guid dossierId, PageRequest page)
    {
        Query.Where(c => c.OrganizationId == organizationId && c.DossierId == dossierId);
        Query.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.LinkedAt).ThenBy(c => c.ContactId).Page(page);
    }
}

internal sealed class ListDossierContactsHandler(IListReader reader) : IRequestHandler<ListDossierContacts, Paged<DossierContactDetails>>
{
    public Task<Paged<DossierContactDetails>> Handle(ListDossierContacts query, CancellationToken ct) =>
        reader.PageAsync(new DossierContactListSpec(query.OrganizationId, query.DossierId, query.Page), query.Page, ct,
            DossierOfOrganizationSpec.Required(query.OrganizationId, query.DossierId));
}
