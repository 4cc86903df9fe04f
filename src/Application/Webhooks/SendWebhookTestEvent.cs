using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// POST …/webhook-endpoints/:id/test: a signed <c>ping</c> event (<c>{"id","type":"ping","created_at","data":
/// {"endpoint_id"}}</c>), sent at once and attempted once, so an integrator can check a receiver before real traffic.
/// Answers the new delivery as committed (read in its transaction); its attempt shows up on it.
/// </summary>
public sealed record SendWebhookTestEvent(Guid OrganizationId, Guid EndpointId) : ICommand<WebhookDeliveryDetails>;

internal sealed class SendWebhookTestEventHandler(IWebhookEndpointRepository endpoints, IWebhookDeliveryRepository deliveries,
    OutboxWriter outbox, IMediator mediator, TimeProvider clock) : IRequestHandler<SendWebhookTestEvent, WebhookDeliveryDetails>
{
    public async Task<WebhookDeliveryDetails> Handle(SendWebhookTestEvent c, CancellationToken ct)
    {
        var endpoint = await endpoints.GetAsync(c.OrganizationId, c.EndpointId, ct) ?? throw new NotFoundException("Webhook endpoint");
        var now = clock.GetUtcNow();
        var ping = outbox.AddFannedOut(c.OrganizationId, WebhookEventTypes.Ping, new PingData(endpoint.Id), now);
        var delivery = WebhookDelivery.Ping(endpoint, ping.Id, ping.EventId, now);
        await deliveries.AddAsync(delivery, ct);
        return await mediator.Send(new GetWebhookDelivery(c.OrganizationId, delivery.Id), ct);
    }

    private sealed record PingData(Guid EndpointId);
}
