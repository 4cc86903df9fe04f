using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-endpoints/:id, secret included.</summary>
public sealed record GetWebhookEndpoint(Guid OrganizationId, Guid EndpointId) : IRequest<WebhookEndpointDetails>;

internal sealed class GetWebhookEndpointHandler(IDbSession session) : IRequestHandler<GetWebhookEndpoint, WebhookEndpointDetails>
{
    public async Task<WebhookEndpointDetails> Handle(GetWebhookEndpoint query, CancellationToken ct)
    {
        const string sql = $"SELECT {WebhookEndpointDetails.Columns}\nFROM webhook_endpoints e WHERE e.org_id = @OrganizationId AND e.id = @EndpointId";
        return await session.Connection.QuerySingleOrDefaultAsync<WebhookEndpointDetails>(
                   new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct))
               ?? throw new NotFoundException("Webhook endpoint");
    }
}
