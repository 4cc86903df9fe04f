using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-deliveries/:id: one delivery with its attempts.</summary>
public sealed record GetWebhookDelivery(Guid OrganizationId, Guid DeliveryId) : IRequest<WebhookDeliveryDetails>;

internal sealed class GetWebhookDeliveryHandler(IDbSession session) : IRequestHandler<GetWebhookDelivery, WebhookDeliveryDetails>
{
    public async Task<WebhookDeliveryDetails> Handle(GetWebhookDelivery query, CancellationToken ct) =>
        (await session.GetAsync<WebhookDeliveryRow>(query.OrganizationId, query.DeliveryId, "Webhook delivery", ct)).ToDetails();
}
