using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

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
