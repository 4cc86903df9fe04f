using MediatR;

namespace LeadGrid.Domain.Webhooks;

/// <summary>An endpoint was turned off: its pending deliveries wait until it is turned on again.</summary>
public sealed record WebhookEndpointDisabled(Guid OrganizationId, Guid EndpointId, EndpointDisabledReason Reason,
    DateTimeOffset At) : INotification;

/// <summary>An endpoint was turned on again: its waiting deliveries are due at once.</summary>
public sealed record WebhookEndpointEnabled(Guid OrganizationId, Guid EndpointId, DateTimeOffset At) : INotification;
