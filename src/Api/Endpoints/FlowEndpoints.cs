using System.Security.Claims;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using LeadGrid.Application.Flows;
using System.ComponentModel;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Api.Endpoints;

internal static class FlowEndpoints
{
    public static void MapFlowEndpoints(this IEndpointRouteBuilder app)
    {
        var flows = app.MapGroup("/api/v1/flows").WithTags("Flows");

        flows.MapGet("", async ([ClosedSet(typeof(DossierType)), Description("Only this type.")] string? type, Paging paging, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListFlows(user.OrganizationIdOf(), type, paging.Value), ct)))
            .RequireScopes(Scopes.FlowsRead)
            .WithName("ListFlows")
            .WithSummary("List flows")
            .WithDescription("The organization's flows with their stages by position. Filter: type (candidate | sales). Paginated.");

        flows.MapGet("{id}/stages", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.All(await mediator.Send(new GetFlowStages(user.OrganizationIdOf(), RouteId.Parse(id, "Flow")), ct)))
            .RequireScopes(Scopes.FlowsRead)
            .WithName("GetFlowStages")
            .WithSummary("Get a flow's stages")
            .WithDescription("Every stage of one flow, by position; meta.per_page is the number of stages.");
    }
}
