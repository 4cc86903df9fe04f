using System.Text.Json;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// A delivery as the operator API shows it: the event, its state, and every attempt (oldest first).
/// <c>next_attempt_at</c> is set while pending; null for a pending delivery means it waits for its endpoint to be
/// enabled again.
/// </summary>
public sealed record WebhookDeliveryDetails
{
    public required Guid Id { get; init; }
    public required Guid EndpointId { get; init; }
    public required string EventId { get; init; }
    [ClosedSet(typeof(WebhookEventTypes), WebhookEventTypes.Ping, Name = "DeliveryEventType",
        Description = "The event a delivery carries: a subscribed one, or a test ping.")] public required string EventType { get; init; }
    [ClosedSet(typeof(DeliveryState))] public required string State { get; init; }
    public required int AttemptCount { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<WebhookAttemptDetails> Attempts { get; init; }
}

/// <summary>One attempt: when, the answer's status (null when none came), how long, what went wrong, and the answer's first 1 KB.</summary>
public sealed record WebhookAttemptDetails(int Number, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error,
    string? ResponseBody);

/// <summary>The row a delivery query reads: the attempts come as one JSON array, so a page is one round trip.</summary>
[RowSource("webhook_deliveries d", Key = "d.id")]
public sealed record WebhookDeliveryRow : IKeysetRow
{
    [Column("d.id")] public Guid Id { get; init; }
    [Column("d.endpoint_id")] public Guid EndpointId { get; init; }
    [Column("d.event_id")] public string EventId { get; init; } = "";
    [Column("d.event_type")] public string EventType { get; init; } = "";
    [Column("d.state")] public string State { get; init; } = "";
    [Column("d.attempt_count")] public int AttemptCount { get; init; }

    /// <summary>A parked delivery's <c>infinity</c> shows as null.</summary>
    [Column("CASE WHEN d.next_attempt_at = 'infinity' THEN NULL ELSE d.next_attempt_at END")] public DateTimeOffset? NextAttemptAt { get; init; }

    [Column("d.created_at")] public DateTimeOffset CreatedAt { get; init; }
    [Column("d.updated_at")] public DateTimeOffset UpdatedAt { get; init; }
    [Column("""
        (SELECT coalesce(json_agg(json_build_object(
                    'number', a.number, 'attempted_at', a.attempted_at, 'status_code', a.status_code,
                    'duration_ms', a.duration_ms, 'error', a.error, 'response_body', a.response_body) ORDER BY a.number), '[]')
         FROM webhook_attempts a WHERE a.delivery_id = d.id)::text
        """)]
    public string Attempts { get; init; } = "[]";

    [Column("d.org_id", Selected = false)] public Guid OrganizationId { get; init; }

    /// <summary>Reads the attempts as PostgreSQL wrote them (not the API's input rules: an answer's text is kept untrimmed).</summary>
    private static readonly JsonSerializerOptions AttemptJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public WebhookDeliveryDetails ToDetails() => new()
    {
        Id = Id,
        EndpointId = EndpointId,
        EventId = EventId,
        EventType = EventType,
        State = State,
        AttemptCount = AttemptCount,
        NextAttemptAt = NextAttemptAt,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        Attempts = JsonSerializer.Deserialize<WebhookAttemptDetails[]>(Attempts, AttemptJson) ?? [],
    };
}
