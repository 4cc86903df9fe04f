using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// A webhook endpoint as the operator API shows it (SPEC §12), secret included. <c>disabled_reason</c> says why a
/// disabled endpoint is off (manual, gone: it answered 410, failing: every attempt failed for 5 days);
/// <c>old_secret_expires_at</c> is when the secret replaced by the last rotation stops signing.
/// </summary>
public sealed record WebhookEndpointDetails
{
    public required Guid Id { get; init; }
    public required string Url { get; init; }
    public required string Secret { get; init; }
    public required string[] Events { get; init; }
    public required bool Enabled { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset? OldSecretExpiresAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The representation's columns (alias <c>e</c>).</summary>
    internal const string Columns = """
        e.id AS Id, e.url AS Url, e.secret AS Secret, e.events AS Events, e.enabled AS Enabled,
        e.disabled_reason AS DisabledReason, e.previous_secret_expires_at AS OldSecretExpiresAt,
        e.created_at AS CreatedAt, e.updated_at AS UpdatedAt
        """;

    public static WebhookEndpointDetails From(WebhookEndpoint e) => new()
    {
        Id = e.Id,
        Url = e.Url.Value,
        Secret = e.Secret,
        Events = e.Events.ToArray(),
        Enabled = e.Enabled,
        DisabledReason = e.DisabledReason?.ToName(),
        OldSecretExpiresAt = e.PreviousSecretExpiresAt,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
    };
}

/// <summary>The answer to removing an endpoint.</summary>
public sealed record DeletedWebhookEndpoint(Guid Id, bool Deleted);
