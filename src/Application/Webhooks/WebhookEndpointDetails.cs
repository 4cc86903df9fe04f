using Ardalis.Specification;
using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// A webhook endpoint as the operator API shows it (SPEC §12), secret included. <c>disabled_reason</c> says why a
/// disabled endpoint is off (manual, gone: it answered 410, failing: every attempt failed for 5 days);
/// <c>old_secret_expires_at</c> is when the secret replaced by the last rotation stops signing.
/// </summary>
[RowSource("webhook_endpoints e", Key = "e.id")]
public sealed record WebhookEndpointDetails : IKeysetRow
{
    [Column("e.id")] public required Guid Id { get; init; }
    [Column("e.url")] public required string Url { get; init; }
    [Column("e.secret")] public required string Secret { get; init; }
    [Column("e.events"), ClosedSet(typeof(WebhookEventTypes), Name = "WebhookEventType")] public required string[] Events { get; init; }
    [Column("e.enabled")] public required bool Enabled { get; init; }
    [Column("e.disabled_reason"), ClosedSet(typeof(EndpointDisabledReason))] public string? DisabledReason { get; init; }
    [Column("e.previous_secret_expires_at")] public DateTimeOffset? OldSecretExpiresAt { get; init; }
    [Column("e.created_at")] public required DateTimeOffset CreatedAt { get; init; }
    [Column("e.updated_at")] public required DateTimeOffset UpdatedAt { get; init; }

    [JsonIgnore, Column("e.org_id", Selected = false)] public Guid OrganizationId { get; init; }

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
        OrganizationId = e.OrganizationId,
    };
}

/// <summary>The answer to removing an endpoint.</summary>
public sealed record DeletedWebhookEndpoint(Guid Id, bool Deleted);

/// <summary>The webhook endpoint <paramref name="endpointId"/> of the organization: what its deliveries listing requires.</summary>
public sealed class WebhookEndpointOfOrganizationSpec : Specification<WebhookEndpointDetails>
{
    public WebhookEndpointOfOrganizationSpec(Guid organizationId, Guid endpointId) =>
        Query.Where(e => e.OrganizationId == organizationId && e.Id == endpointId);
}
