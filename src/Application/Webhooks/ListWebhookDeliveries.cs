using Ardalis.Specification;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// GET …/webhook-endpoints/:id/deliveries: newest first, each with every attempt; <c>state</c> (repeatable: pending,
/// succeeded, failed) narrows it.
/// </summary>
public sealed record ListWebhookDeliveries(Guid OrganizationId, Guid EndpointId, IReadOnlyList<string> States, PageRequest Page)
    : IRequest<Paged<WebhookDeliveryDetails>>
{
    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'w';
}

public sealed class WebhookDeliveryListSpec : Specification<WebhookDeliveryRow>
{
    public WebhookDeliveryListSpec(Guid organizationId, Guid endpointId, IReadOnlyList<string> states, PageRequest page)
    {
        Query.Where(d => d.OrganizationId == organizationId && d.EndpointId == endpointId);
        if (states.Count > 0)
        {
            var any = states.Distinct().ToArray();
            Query.Where(d => any.Contains(d.State));
        }
        Query.InCreationOrder(page, ListWebhookDeliveries.Listing);
    }
}

internal sealed class ListWebhookDeliveriesHandler(IListReader reader) : IRequestHandler<ListWebhookDeliveries, Paged<WebhookDeliveryDetails>>
{
    public async Task<Paged<WebhookDeliveryDetails>> Handle(ListWebhookDeliveries query, CancellationToken ct)
    {
        var page = await reader.KeysetPageAsync(new WebhookDeliveryListSpec(query.OrganizationId, query.EndpointId, query.States, query.Page), query.Page,
            ListWebhookDeliveries.Listing, ct,
            ParentCheck.For(new WebhookEndpointOfOrganizationSpec(query.OrganizationId, query.EndpointId), "Webhook endpoint"));
        return page.Map(r => r.ToDetails());
    }
}
