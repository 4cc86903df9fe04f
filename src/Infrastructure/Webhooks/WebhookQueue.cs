using LeadGrid.Application.Common;
using LeadGrid.Application.Webhooks;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>Parking and resuming an endpoint's deliveries in the session's transaction (an admin's change).</summary>
internal sealed class WebhookQueue(IDbSession session) : IWebhookQueue
{
    public Task ParkAsync(Guid endpointId, CancellationToken ct) =>
        session.ExecuteAsync(WebhookQueueSql.Park("ARRAY[@endpointId]"), new { endpointId }, ct);

    public Task ResumeAsync(Guid endpointId, DateTimeOffset at, CancellationToken ct) =>
        session.ExecuteAsync("""
            UPDATE webhook_deliveries SET next_attempt_at = @at
            WHERE endpoint_id = @endpointId AND state = 'pending' AND next_attempt_at = 'infinity';
            UPDATE webhook_endpoint_queue SET due_at = least(due_at, @at) WHERE endpoint_id = @endpointId;
            """, new { endpointId, at }, ct);
}

/// <summary>The statements that more than one path of the queue runs, written once.</summary>
internal static class WebhookQueueSql
{
    /// <summary>
    /// Parks the pending deliveries of the endpoints in <paramref name="endpointIds"/> (an SQL array expression) that
    /// are neither in flight nor parked already: the one copy of "a disabled endpoint's deliveries wait", run when an
    /// admin disables it, when a claim finds it disabled, and when results disabled it (410, or failing for days).
    /// </summary>
    public static string Park(string endpointIds) => $"""
        UPDATE webhook_deliveries d SET next_attempt_at = 'infinity'
        WHERE d.endpoint_id = ANY ({endpointIds})
          AND d.state = 'pending' AND d.claim_id IS NULL AND d.next_attempt_at <> 'infinity'
        """;
}
