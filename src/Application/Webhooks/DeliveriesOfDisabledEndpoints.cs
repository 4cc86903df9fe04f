using Dapper;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// A disabled endpoint's pending deliveries wait, parked out of the due range (one whose attempt is under way is parked
/// when its result comes back); when the endpoint is enabled again they are due at once, in the same transaction.
/// </summary>
internal sealed class DeliveriesOfDisabledEndpoints(IDbSession session, OutboxWriter outbox) :
    INotificationHandler<WebhookEndpointDisabled>,
    INotificationHandler<WebhookEndpointEnabled>
{
    public Task Handle(WebhookEndpointDisabled e, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhook_deliveries SET next_attempt_at = 'infinity'
            WHERE endpoint_id = @EndpointId AND state = 'pending' AND claim_id IS NULL AND next_attempt_at <> 'infinity'
            """, e, session.Transaction, cancellationToken: ct));

    public async Task Handle(WebhookEndpointEnabled e, CancellationToken ct)
    {
        await session.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhook_deliveries SET next_attempt_at = @At
            WHERE endpoint_id = @EndpointId AND state = 'pending' AND next_attempt_at = 'infinity';
            UPDATE webhook_endpoint_queue SET due_at = least(due_at, @At) WHERE endpoint_id = @EndpointId;
            """, e, session.Transaction, cancellationToken: ct));
        outbox.WakeDispatcherAfterCommit();
    }
}
