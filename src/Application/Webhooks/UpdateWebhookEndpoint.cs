using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// PATCH …/webhook-endpoints/:id: any of url, events, enabled. Turning an endpoint off parks its pending deliveries;
/// turning it on sends them.
/// </summary>
public sealed record UpdateWebhookEndpoint(Optional<string?> Url, Optional<string?[]?> Events, Optional<bool?> Enabled)
    : ICommand<WebhookEndpointDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid EndpointId { get; init; }
}

internal sealed class UpdateWebhookEndpointHandler(IWebhookEndpointRepository endpoints, IWebhookUrlGuard guard, TimeProvider clock)
    : IRequestHandler<UpdateWebhookEndpoint, WebhookEndpointDetails>
{
    public async Task<WebhookEndpointDetails> Handle(UpdateWebhookEndpoint c, CancellationToken ct)
    {
        var endpoint = await endpoints.GetForUpdateAsync(c.OrganizationId, c.EndpointId, ct) ?? throw new NotFoundException("Webhook endpoint");
        var url = endpoint.Url;
        var events = c.Events.HasValue ? new Optional<IEnumerable<string?>?>(c.Events.Value) : default;
        if (!endpoint.Edit(new WebhookEndpointEdit(c.Url, events, c.Enabled), clock.GetUtcNow()))
            return WebhookEndpointDetails.From(endpoint);
        if (endpoint.Url != url)
            await guard.CheckAsync(endpoint.Url, ct);
        await endpoints.UpdateAsync(endpoint, ct);
        return WebhookEndpointDetails.From(endpoint);
    }
}
