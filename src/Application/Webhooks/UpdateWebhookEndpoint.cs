using System.Diagnostics.CodeAnalysis;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// PATCH …/webhook-endpoints/:id: any of url, events, enabled. Turning an endpoint off parks its pending deliveries;
/// turning it on sends them.
/// </summary>
public sealed record UpdateWebhookEndpoint : ICommand<WebhookEndpointDetails>, IPartial
{
    [DisallowNull] public string? Url { get; init; }
    [DisallowNull, ClosedSet(typeof(WebhookEventTypes), Name = "WebhookEventType")] public string?[]? Events { get; init; }
    [DisallowNull] public bool? Enabled { get; init; }

    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid EndpointId { get; init; }
    [SetByServer] public ISet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

internal sealed class UpdateWebhookEndpointHandler(IWebhookEndpointRepository endpoints, IWebhookUrlGuard guard, TimeProvider clock)
    : IRequestHandler<UpdateWebhookEndpoint, WebhookEndpointDetails>
{
    public async Task<WebhookEndpointDetails> Handle(UpdateWebhookEndpoint c, CancellationToken ct)
    {
        var endpoint = await endpoints.GetForUpdateAsync(c.OrganizationId, c.EndpointId, ct) ?? throw new NotFoundException("Webhook endpoint");
        var url = endpoint.Url;
        if (!endpoint.Edit(new WebhookEndpointEdit(c.Sent(c.Url), c.Sent<IEnumerable<string?>?>(c.Events), c.Sent(c.Enabled)), clock.GetUtcNow()))
            return WebhookEndpointDetails.From(endpoint);
        if (endpoint.Url != url)
            await guard.CheckAsync(endpoint.Url, ct);
        await endpoints.UpdateAsync(endpoint, ct);
        return WebhookEndpointDetails.From(endpoint);
    }
}
