using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Webhooks;

/// <summary>Why an endpoint receives nothing: turned off by an admin, answered 410 Gone, or failing for days.</summary>
[System.ComponentModel.Description("Why a webhook endpoint is disabled: by an admin, a 410 Gone, or failing for days.")]
public enum EndpointDisabledReason
{
    Manual,
    Gone,
    Failing,
}

/// <summary>A partial edit of an endpoint: each field absent (keep) or present.</summary>
public sealed record WebhookEndpointEdit(Optional<string?> Url, Optional<IEnumerable<string?>?> Events, Optional<bool?> Enabled);

/// <summary>
/// Where an organization receives its events (SPEC §9): a URL, the event types it wants, a signing secret, and whether
/// it is enabled. A rotated secret keeps signing beside the new one until its overlap ends.
/// </summary>
public sealed class WebhookEndpoint : AggregateRoot
{
    /// <summary>How long the old secret keeps signing after a rotation unless told otherwise, and at most.</summary>
    public static readonly TimeSpan DefaultSecretOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxSecretOverlap = TimeSpan.FromDays(7);

    private WebhookEndpoint(Guid id, Guid organizationId, WebhookUrl url, IReadOnlyList<string> events, string secret,
        DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        Url = url;
        Events = events;
        Secret = secret;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public WebhookUrl Url { get; private set; }
    public IReadOnlyList<string> Events { get; private set; }
    public string Secret { get; private set; }
    public string? PreviousSecret { get; private set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }
    public EndpointDisabledReason? DisabledReason { get; private set; }
    public DateTimeOffset? FailingSince { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool Enabled => DisabledReason is null;

    public static WebhookEndpoint Create(Guid organizationId, string? url, IEnumerable<string?>? events, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), organizationId, WebhookUrl.Parse(url), WebhookEventTypes.ParseSet(events),
            WebhookSecret.Generate(), now);

    public static WebhookEndpoint Restore(Guid id, Guid organizationId, string url, IEnumerable<string> events, string secret,
        string? previousSecret, DateTimeOffset? previousSecretExpiresAt, EndpointDisabledReason? disabledReason, DateTimeOffset? failingSince,
        DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, organizationId, WebhookUrl.Parse(url), events.ToArray(), secret, createdAt)
        {
            PreviousSecret = previousSecret,
            PreviousSecretExpiresAt = previousSecretExpiresAt,
            DisabledReason = disabledReason,
            FailingSince = failingSince,
            UpdatedAt = updatedAt,
        };

    /// <summary>
    /// Applies the fields present. Turning an endpoint on clears why it was off and its failure streak; turning it off
    /// parks its pending deliveries (<see cref="WebhookEndpointDisabled"/>), turning it on resumes them.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Edit(WebhookEndpointEdit edit, DateTimeOffset now)
    {
        var changes = new PendingChanges();
        changes.Set(edit.Url, v => WebhookUrl.Parse(v).Value, Url.Value, v => Url = WebhookUrl.Parse(v), nameof(Url));
        if (edit.Events.HasValue)
        {
            if (edit.Events.Value is null)
                throw DomainException.Invalid(nameof(Events), "cannot be null; leave it out to keep the current events.");
            var events = WebhookEventTypes.ParseSet(edit.Events.Value);
            if (!events.SequenceEqual(Events))
                changes.Add(nameof(Events), Events, () => Events = events);
        }
        if (edit.Enabled.HasValue)
        {
            var enabled = edit.Enabled.Value ?? throw DomainException.Invalid(nameof(Enabled), "cannot be null; send true or false.");
            if (enabled != Enabled)
                changes.Add(nameof(Enabled), Enabled, enabled ? () => Enable(now) : () => Disable(EndpointDisabledReason.Manual, now));
        }
        if (!changes.Apply()) return false;
        UpdatedAt = now;
        return true;
    }

    /// <summary>A new secret signs from now on; the old one keeps signing (a second <c>v1</c>) for <paramref name="oldSecretExpiresIn"/>.</summary>
    public string RotateSecret(TimeSpan? oldSecretExpiresIn, DateTimeOffset now)
    {
        var keepOldFor = oldSecretExpiresIn ?? DefaultSecretOverlap;
        if (keepOldFor < TimeSpan.Zero || keepOldFor > MaxSecretOverlap)
            throw DomainException.Invalid(nameof(oldSecretExpiresIn),
                $"must be from 0 to {(long)MaxSecretOverlap.TotalSeconds} seconds (7 days).");
        PreviousSecret = keepOldFor > TimeSpan.Zero ? Secret : null;
        PreviousSecretExpiresAt = keepOldFor > TimeSpan.Zero ? now + keepOldFor : null;
        Secret = WebhookSecret.Generate();
        UpdatedAt = now;
        return Secret;
    }

    private void Enable(DateTimeOffset now)
    {
        DisabledReason = null;
        FailingSince = null;
        Raise(new WebhookEndpointEnabled(OrganizationId, Id, now));
    }

    private void Disable(EndpointDisabledReason reason, DateTimeOffset now)
    {
        DisabledReason = reason;
        Raise(new WebhookEndpointDisabled(OrganizationId, Id, reason, now));
    }
}
