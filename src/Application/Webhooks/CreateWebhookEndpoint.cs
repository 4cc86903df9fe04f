using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>POST …/webhook-endpoints: a URL and the event types it wants (all when left out); a secret is generated.</summary>
public sealed record CreateWebhookEndpoint(string? Url, [property: ClosedSet(typeof(WebhookEventTypes), Name = "WebhookEventType")] string?[]? Events = null) : ICommand<WebhookEndpointDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class CreateWebhookEndpointHandler(IOrganizationRepository organizations, IWebhookEndpointRepository endpoints,
    IWebhookUrlGuard guard, TimeProvider clock) : IRequestHandler<CreateWebhookEndpoint, WebhookEndpointDetails>
{
    public async Task<WebhookEndpointDetails> Handle(CreateWebhookEndpoint c, CancellationToken ct)
    {
        _ = await organizations.GetAsync(c.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var endpoint = WebhookEndpoint.Create(c.OrganizationId, c.Url, c.Events, clock.GetUtcNow());
        await guard.CheckAsync(endpoint.Url, ct);
        await endpoints.AddAsync(endpoint, ct);
        return WebhookEndpointDetails.From(endpoint);
    }
}
