using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// GET …/webhook-endpoints/:id/deliveries: newest first, each with every attempt; <c>state</c> (repeatable: pending,
/// succeeded, failed) narrows it.
/// </summary>
public sealed record ListWebhookDeliveries(Guid OrganizationId, Guid EndpointId, IReadOnlyList<string> States, PageRequest Page)
    : IRequest<Paged<WebhookDeliveryDetails>>;

internal sealed class ListWebhookDeliveriesHandler(IDbSession session) : IRequestHandler<ListWebhookDeliveries, Paged<WebhookDeliveryDetails>>
{
    public async Task<Paged<WebhookDeliveryDetails>> Handle(ListWebhookDeliveries query, CancellationToken ct)
    {
        var spec = new SqlSpec("d.created_at", "d.id")
            .Where("d.endpoint_id = @endpoint", new { endpoint = query.EndpointId, org = query.OrganizationId })
            .Where("d.state = ANY(@states)", new { states = query.States.Distinct().ToArray() }, when: query.States.Count > 0)
            .OrderBy("d.created_at", descending: true).OrderBy("d.id", descending: true)
            .Page(query.Page);
        var page = await session.QueryPageAsync<WebhookDeliveryRow>(spec, $"SELECT {WebhookDeliveryRow.Columns}\nFROM webhook_deliveries d",
            "FROM webhook_deliveries d", ct,
            new ParentCheck("SELECT 1 FROM webhook_endpoints WHERE org_id = @org AND id = @endpoint", "Webhook endpoint"));
        return new Paged<WebhookDeliveryDetails>(page.Items.Select(r => r.ToDetails()).ToArray(), page.Total, page.Page, page.PerPage);
    }
}
