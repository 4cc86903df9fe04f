using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-endpoints: the organization's endpoints, newest first.</summary>
public sealed record ListWebhookEndpoints(Guid OrganizationId, PageRequest Page) : IRequest<Paged<WebhookEndpointDetails>>
{
    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'e';
}

public sealed class WebhookEndpointListSpec : Specification<WebhookEndpointDetails>
{
    public WebhookEndpointListSpec(Guid organizationId, PageRequest page)
    {
        Query.Where(e => e.OrganizationId == organizationId);
        Query.InCreationOrder(page, ListWebhookEndpoints.Listing);
    }
}

internal sealed class ListWebhookEndpointsHandler(IListReader reader) : IRequestHandler<ListWebhookEndpoints, Paged<WebhookEndpointDetails>>
{
    public Task<Paged<WebhookEndpointDetails>> Handle(ListWebhookEndpoints query, CancellationToken ct) =>
        reader.KeysetPageAsync(new WebhookEndpointListSpec(query.OrganizationId, query.Page), query.Page, ListWebhookEndpoints.Listing, ct,
            OrganizationSpec.Required(query.OrganizationId));
}
