using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-endpoints/:id, secret included.</summary>
public sealed record GetWebhookEndpoint(Guid OrganizationId, Guid EndpointId) : IRequest<WebhookEndpointDetails>;

internal sealed class GetWebhookEndpointHandler(IDbSession session) : IRequestHandler<GetWebhookEndpoint, WebhookEndpointDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<WebhookEndpointDetails>.SelectList}\nFROM {RowColumns<WebhookEndpointDetails>.From} WHERE e.org_id = @OrganizationId AND e.id = @EndpointId";

    public async Task<WebhookEndpointDetails> Handle(GetWebhookEndpoint query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<WebhookEndpointDetails>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException("Webhook endpoint");
}
