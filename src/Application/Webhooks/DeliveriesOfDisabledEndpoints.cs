using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>A disabled endpoint's pending deliveries wait; when it is enabled again they are due at once, in the same transaction.</summary>
internal sealed class DeliveriesOfDisabledEndpoints(IWebhookQueue queue, OutboxWriter outbox) :
    INotificationHandler<WebhookEndpointDisabled>,
    INotificationHandler<WebhookEndpointEnabled>
{
    public Task Handle(WebhookEndpointDisabled e, CancellationToken ct) => queue.ParkAsync(e.EndpointId, ct);

    public async Task Handle(WebhookEndpointEnabled e, CancellationToken ct)
    {
        await queue.ResumeAsync(e.EndpointId, e.At, ct);
        outbox.WakeDispatcherAfterCommit();
    }
}
