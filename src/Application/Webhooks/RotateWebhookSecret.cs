using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// POST …/webhook-endpoints/:id/rotate-secret: a new secret signs from now on; the old one keeps signing as a second
/// <c>v1</c> for <c>old_secret_expires_in</c> seconds (default 24 h, 0 ends it at once, at most 7 days).
/// </summary>
public sealed record RotateWebhookSecret(long? OldSecretExpiresIn = null) : ICommand<WebhookEndpointDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid EndpointId { get; init; }
}

internal sealed class RotateWebhookSecretHandler(IWebhookEndpointRepository endpoints, TimeProvider clock)
    : IRequestHandler<RotateWebhookSecret, WebhookEndpointDetails>
{
    public async Task<WebhookEndpointDetails> Handle(RotateWebhookSecret c, CancellationToken ct)
    {
        var endpoint = await endpoints.GetForUpdateAsync(c.OrganizationId, c.EndpointId, ct) ?? throw new NotFoundException("Webhook endpoint");
        var overlap = c.OldSecretExpiresIn is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, -1, int.MaxValue)) : (TimeSpan?)null;
        endpoint.RotateSecret(overlap, clock.GetUtcNow());
        await endpoints.UpdateAsync(endpoint, ct);
        return WebhookEndpointDetails.From(endpoint);
    }
}
