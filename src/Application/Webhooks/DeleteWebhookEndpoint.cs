using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>DELETE …/webhook-endpoints/:id: the endpoint goes with its deliveries; nothing more is sent to it.</summary>
public sealed record DeleteWebhookEndpoint(Guid OrganizationId, Guid EndpointId) : ICommand<DeletedWebhookEndpoint>;

internal sealed class DeleteWebhookEndpointHandler(IWebhookEndpointRepository endpoints)
    : IRequestHandler<DeleteWebhookEndpoint, DeletedWebhookEndpoint>
{
    public async Task<DeletedWebhookEndpoint> Handle(DeleteWebhookEndpoint c, CancellationToken ct) =>
        await endpoints.DeleteAsync(c.OrganizationId, c.EndpointId, ct)
            ? new DeletedWebhookEndpoint(c.EndpointId, true)
            : throw new NotFoundException("Webhook endpoint");
}
