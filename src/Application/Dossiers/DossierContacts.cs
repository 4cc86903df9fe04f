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

internal sealed class ListDossierContactsHandler(IDbSession session) : IRequestHandler<ListDossierContacts, Paged<DossierContactDetails>>
{
    public async Task<Paged<DossierContactDetails>> Handle(ListDossierContacts query, CancellationToken ct)
    {
        var spec = new SqlSpec("dc.is_primary", "dc.linked_at", "dc.contact_id")
            .Where("dc.org_id = @org AND dc.dossier_id = @dossier", new { org = query.OrganizationId, dossier = query.DossierId })
            .OrderBy("dc.is_primary", descending: true).OrderBy("dc.linked_at").OrderBy("dc.contact_id")
            .Page(query.Page);
        return await session.QueryPageAsync<DossierContactDetails>(spec, """
            SELECT dc.contact_id AS ContactId, c.full_name AS FullName, c.email::text AS Email, c.company,
                   dc.role_on_dossier AS RoleOnDossier, dc.is_primary AS IsPrimary
            FROM dossier_contacts dc JOIN contacts c ON c.org_id = dc.org_id AND c.id = dc.contact_id
            """, "FROM dossier_contacts dc", ct, DossierQueries.MustExist);
    }
}
