using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>GET …/webhook-deliveries/:id: one delivery with its attempts.</summary>
public sealed record GetWebhookDelivery(Guid OrganizationId, Guid DeliveryId) : IRequest<WebhookDeliveryDetails>;

internal sealed class GetWebhookDeliveryHandler(IDbSession session) : IRequestHandler<GetWebhookDelivery, WebhookDeliveryDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<WebhookDeliveryRow>.SelectList}\nFROM {RowColumns<WebhookDeliveryRow>.From} WHERE d.org_id = @OrganizationId AND d.id = @DeliveryId";

    public async Task<WebhookDeliveryDetails> Handle(GetWebhookDelivery query, CancellationToken ct)
    {
        var row = await session.Connection.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(
            new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct));
        return row?.ToDetails() ?? throw new NotFoundException("Webhook delivery");
    }
}
