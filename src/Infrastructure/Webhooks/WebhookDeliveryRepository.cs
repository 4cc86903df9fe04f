using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Webhooks;

internal sealed class WebhookDeliveryRepository(IDbSession session) : IWebhookDeliveryRepository
{
    public async Task<WebhookDelivery?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>("""
            SELECT id AS Id, org_id AS OrganizationId, endpoint_id AS EndpointId, outbox_id AS OutboxId, event_id AS EventId,
                   event_type AS EventType, state AS State, attempt_count AS AttemptCount, max_attempts AS MaxAttempts,
                   CASE WHEN next_attempt_at = 'infinity' THEN NULL ELSE next_attempt_at END AS NextAttemptAt,
                   claim_id IS NOT NULL AS InFlight, created_at AS CreatedAt,
                   updated_at AS UpdatedAt
            FROM webhook_deliveries WHERE org_id = @organizationId AND id = @id
            FOR NO KEY UPDATE
            """, new { organizationId, id }, ct);
        if (row is null) return null;
        var delivery = WebhookDelivery.Restore(row.Id, row.OrganizationId, row.EndpointId, row.OutboxId, row.EventId, row.EventType,
            WireNames<DeliveryState>.Parse(row.State, nameof(Row.State)), row.AttemptCount, row.MaxAttempts, row.NextAttemptAt, row.InFlight, row.CreatedAt, row.UpdatedAt);
        session.Track(delivery);
        return delivery;
    }

    public async Task AddAsync(WebhookDelivery d, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO webhook_deliveries (id, org_id, endpoint_id, outbox_id, event_id, event_type, state, attempt_count,
                                            max_attempts, next_attempt_at, created_at, updated_at)
            VALUES (@Id, @OrganizationId, @EndpointId, @OutboxId, @EventId, @EventType, @State, @AttemptCount,
                    @MaxAttempts, @NextAttemptAt, @CreatedAt, @UpdatedAt);
            """ + QueueSql, Parameters(d), ct);
        session.Track(d);
    }

    public Task UpdateAsync(WebhookDelivery d, CancellationToken ct) =>
        session.ExecuteAsync("""
            UPDATE webhook_deliveries SET state = @State, max_attempts = @MaxAttempts, next_attempt_at = @NextAttemptAt,
                   updated_at = @UpdatedAt
            WHERE org_id = @OrganizationId AND id = @Id;
            """ + QueueSql, Parameters(d), ct);

    /// <summary>The endpoint is due no later than this delivery.</summary>
    private const string QueueSql = """
        UPDATE webhook_endpoint_queue SET due_at = least(due_at, @NextAttemptAt)
        WHERE endpoint_id = @EndpointId AND @NextAttemptAt IS NOT NULL AND due_at IS DISTINCT FROM least(due_at, @NextAttemptAt);
        """;

    private static object Parameters(WebhookDelivery d) => new
    {
        d.Id, d.OrganizationId, d.EndpointId, d.OutboxId, d.EventId, d.EventType, State = d.State.ToName(), d.AttemptCount,
        d.MaxAttempts, d.NextAttemptAt, d.CreatedAt, d.UpdatedAt,
    };

    private sealed record Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public Guid EndpointId { get; init; }
        public Guid OutboxId { get; init; }
        public string EventId { get; init; } = "";
        public string EventType { get; init; } = "";
        public string State { get; init; } = "";
        public int AttemptCount { get; init; }
        public int MaxAttempts { get; init; }
        public DateTimeOffset? NextAttemptAt { get; init; }
        public bool InFlight { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
