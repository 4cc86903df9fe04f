using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Every organization, newest first (operators only).</summary>
public sealed record ListOrganizations(PageRequest Page) : IRequest<Paged<OrganizationDetails>>;

public sealed class OrganizationListSpec : Specification<OrganizationDetails>
{
    public OrganizationListSpec(PageRequest page) => Query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id).Page(page);
}

internal sealed class ListOrganizationsHandler(IListReader reader) : IRequestHandler<ListOrganizations, Paged<OrganizationDetails>>
{
    public Task<Paged<OrganizationDetails>> Handle(ListOrganizations query, CancellationToken ct) =>
        reader.PageAsync(new OrganizationListSpec(query.Page), query.Page, ct);
}
