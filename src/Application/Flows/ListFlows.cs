using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Flows;

/// <summary>GET /flows: the organization's flows with nested stages, optionally of one type.</summary>
public sealed record ListFlows(Guid OrganizationId, string? Type, PageRequest Page) : IRequest<Paged<FlowDetails>>;

/// <summary>An organization's flows, oldest first (the defaults lead), optionally of one type.</summary>
public sealed class FlowListSpec : Specification<FlowRow>
{
    public FlowListSpec(Guid organizationId, string? type, PageRequest page)
    {
        Query.Where(f => f.OrganizationId == organizationId);
        if (type is not null) Query.Where(f => f.Type == type);
        Query.OrderBy(f => f.CreatedAt).ThenBy(f => f.Name).ThenBy(f => f.Id).Page(page);
    }
}

internal sealed class ListFlowsHandler(IListReader reader) : IRequestHandler<ListFlows, Paged<FlowDetails>>
{
    public async Task<Paged<FlowDetails>> Handle(ListFlows query, CancellationToken ct)
    {
        var page = await reader.PageAsync(new FlowListSpec(query.OrganizationId, query.Type, query.Page), query.Page, ct);
        return page.Map(r => r.ToDetails());
    }
}
