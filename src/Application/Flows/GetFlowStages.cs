using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Flows;

/// <summary>GET /flows/:id/stages: every stage of one of the organization's flows, by position.</summary>
public sealed record GetFlowStages(Guid OrganizationId, Guid FlowId) : IRequest<IReadOnlyList<StageDetails>>;

/// <summary>A flow's stages by position.</summary>
public sealed class FlowStagesSpec : Specification<StageRow>
{
    public FlowStagesSpec(Guid organizationId, Guid flowId)
    {
        Query.Where(s => s.OrganizationId == organizationId && s.FlowId == flowId);
        Query.OrderBy(s => s.Position);
    }
}

/// <summary>The flow <paramref name="flowId"/> of the organization: what the stages listing requires.</summary>
public sealed class FlowOfOrganizationSpec : Specification<FlowRow>
{
    public FlowOfOrganizationSpec(Guid organizationId, Guid flowId) =>
        Query.Where(f => f.OrganizationId == organizationId && f.Id == flowId);

    public static ParentCheck Required(Guid organizationId, Guid flowId) =>
        ParentCheck.For(new FlowOfOrganizationSpec(organizationId, flowId), "Flow");
}

internal sealed class GetFlowStagesHandler(IListReader reader) : IRequestHandler<GetFlowStages, IReadOnlyList<StageDetails>>
{
    /// <summary>The flow's existence (404 when it is not the organization's) and its stages, in one round trip.</summary>
    public async Task<IReadOnlyList<StageDetails>> Handle(GetFlowStages query, CancellationToken ct)
    {
        var (rows, _, _) = await reader.ListAsync(new FlowStagesSpec(query.OrganizationId, query.FlowId), ct,
            FlowOfOrganizationSpec.Required(query.OrganizationId, query.FlowId));
        return rows.Select(r => r.ToDetails()).ToArray();
    }
}
