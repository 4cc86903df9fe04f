using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// POST …/webhook-deliveries/:id/redeliver: another attempt of the same event (same event id, new timestamp and
/// signature), at once. A finished delivery gets one more attempt; a pending one is brought forward. Answers the
/// delivery as this change leaves it, read in its transaction (after the commit the dispatcher may already have sent it).
/// </summary>
public sealed record RedeliverWebhook(Guid OrganizationId, Guid DeliveryId) : ICommand<WebhookDeliveryDetails>;

internal sealed class RedeliverWebhookHandler(IWebhookDeliveryRepository deliveries, IWebhookEndpointRepository endpoints,
    OutboxWriter outbox, IMediator mediator, TimeProvider clock) : IRequestHandler<RedeliverWebhook, WebhookDeliveryDetails>
{
    public async Task<WebhookDeliveryDetails> Handle(RedeliverWebhook c, CancellationToken ct)
    {
        var delivery = await deliveries.GetForUpdateAsync(c.OrganizationId, c.DeliveryId, ct) ?? throw new NotFoundException("Webhook delivery");
        var endpoint = await endpoints.GetAsync(c.OrganizationId, delivery.EndpointId, ct) ?? throw new NotFoundException("Webhook delivery");
        if (delivery.Redeliver(endpoint, clock.GetUtcNow()))
        {
            await deliveries.UpdateAsync(delivery, ct);
            outbox.WakeDispatcherAfterCommit();
        }
        return await mediator.Send(new GetWebhookDelivery(c.OrganizationId, delivery.Id), ct);
    }
}
