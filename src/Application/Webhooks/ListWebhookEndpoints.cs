using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-endpoints: the organization's endpoints, newest first.</summary>
public sealed record ListWebhookEndpoints(Guid OrganizationId, PageRequest Page) : IRequest<Paged<WebhookEndpointDetails>>;

internal sealed class ListWebhookEndpointsHandler(IDbSession session) : IRequestHandler<ListWebhookEndpoints, Paged<WebhookEndpointDetails>>
{
    public async Task<Paged<WebhookEndpointDetails>> Handle(ListWebhookEndpoints query, CancellationToken ct)
    {
        var spec = new SqlSpec("e.created_at", "e.id")
            .Where("e.org_id = @org", new { org = query.OrganizationId })
            .OrderBy("e.created_at", descending: true).OrderBy("e.id", descending: true)
            .Page(query.Page);
        return await session.QueryPageAsync<WebhookEndpointDetails>(spec, $"SELECT {WebhookEndpointDetails.Columns}\nFROM webhook_endpoints e",
            "FROM webhook_endpoints e", ct, new ParentCheck("SELECT 1 FROM organizations WHERE id = @org", "Organization"));
    }
}
