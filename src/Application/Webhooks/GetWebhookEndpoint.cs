using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-endpoints/:id, secret included.</summary>
public sealed record GetWebhookEndpoint(Guid OrganizationId, Guid EndpointId) : IRequest<WebhookEndpointDetails>;

internal sealed class GetWebhookEndpointHandler(IDbSession session) : IRequestHandler<GetWebhookEndpoint, WebhookEndpointDetails>
{
    public async Task<WebhookEndpointDetails> Handle(GetWebhookEndpoint query, CancellationToken ct) =>
        await session.GetAsync<WebhookEndpointDetails>(query.OrganizationId, query.EndpointId, "Webhook endpoint", ct);
}
