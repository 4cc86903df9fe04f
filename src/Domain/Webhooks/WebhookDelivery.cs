using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Webhooks;

/// <summary>
/// One event on its way to one endpoint. The dispatcher moves deliveries through their attempts by
/// <see cref="DeliveryPolicy"/> in batches; what an admin does to one — send a test event, redeliver — goes through
/// this aggregate.
/// </summary>
public sealed class WebhookDelivery : AggregateRoot
{
    private WebhookDelivery(Guid id, Guid organizationId, Guid endpointId, Guid outboxId, string eventId, string eventType,
        DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        EndpointId = endpointId;
        OutboxId = outboxId;
        EventId = eventId;
        EventType = eventType;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public Guid EndpointId { get; }
    public Guid OutboxId { get; }
    public string EventId { get; }
    public string EventType { get; }
    public DeliveryState State { get; private set; }
    public int AttemptCount { get; private set; }
    public int MaxAttempts { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>Whether a dispatcher has claimed it and an attempt is under way.</summary>
    public bool InFlight { get; private set; }

    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A <c>ping</c> to an enabled endpoint, due at once, attempted once: a check, not traffic to retry for days.</summary>
    public static WebhookDelivery Ping(WebhookEndpoint endpoint, Guid outboxId, string eventId, DateTimeOffset now)
    {
        EnsureEnabled(endpoint);
        return new WebhookDelivery(Guid.CreateVersion7(now), endpoint.OrganizationId, endpoint.Id, outboxId, eventId,
            WebhookEventTypes.Ping, now)
        {
            State = DeliveryState.Pending,
            MaxAttempts = 1,
            NextAttemptAt = now,
        };
    }

    public static WebhookDelivery Restore(Guid id, Guid organizationId, Guid endpointId, Guid outboxId, string eventId,
        string eventType, DeliveryState state, int attemptCount, int maxAttempts, DateTimeOffset? nextAttemptAt, bool inFlight,
        DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, organizationId, endpointId, outboxId, eventId, eventType, createdAt)
        {
            State = state,
            AttemptCount = attemptCount,
            MaxAttempts = maxAttempts,
            NextAttemptAt = nextAttemptAt,
            InFlight = inFlight,
            UpdatedAt = updatedAt,
        };

    /// <summary>
    /// Another attempt of the same event, at once: a finished delivery (succeeded or failed) gets one more attempt; a
    /// pending one is brought forward; one whose attempt is under way is left to it.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Redeliver(WebhookEndpoint endpoint, DateTimeOffset now)
    {
        if (endpoint.Id != EndpointId)
            throw new ArgumentException("The endpoint is not this delivery's.", nameof(endpoint));
        EnsureEnabled(endpoint);
        if (InFlight) return false;
        if (State != DeliveryState.Pending)
        {
            State = DeliveryState.Pending;
            MaxAttempts = AttemptCount + 1;
        }
        NextAttemptAt = now;
        UpdatedAt = now;
        return true;
    }

    private static void EnsureEnabled(WebhookEndpoint endpoint)
    {
        if (!endpoint.Enabled)
            throw new DomainException(DomainError.EndpointDisabled, null,
                $"The webhook endpoint is disabled ({endpoint.DisabledReason!.Value.ToString().ToLowerInvariant()}); enable it first.");
    }
}
