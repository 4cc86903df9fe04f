using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Every organization, newest first (operators only).</summary>
public sealed record ListOrganizations(PageRequest Page) : IRequest<Paged<OrganizationDetails>>
{
    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'o';
}

public sealed class OrganizationListSpec : Specification<OrganizationDetails>
{
    public OrganizationListSpec(PageRequest page) => Query.InCreationOrder(page, ListOrganizations.Listing);
}

internal sealed class ListOrganizationsHandler(IListReader reader) : IRequestHandler<ListOrganizations, Paged<OrganizationDetails>>
{
    public Task<Paged<OrganizationDetails>> Handle(ListOrganizations query, CancellationToken ct) =>
        reader.KeysetPageAsync(new OrganizationListSpec(query.Page), query.Page, ListOrganizations.Listing, ct);
}
