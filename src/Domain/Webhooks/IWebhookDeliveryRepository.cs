namespace LeadGrid.Domain.Webhooks;

public interface IWebhookDeliveryRepository
{
    /// <summary>The delivery, its row locked for the change; null when it is not the organization's.</summary>
    Task<WebhookDelivery?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct);

    /// <summary>Stores a new delivery and queues its endpoint for when it is due.</summary>
    Task AddAsync(WebhookDelivery delivery, CancellationToken ct);

    /// <summary>Stores the delivery's state and queues its endpoint for when it is due.</summary>
    Task UpdateAsync(WebhookDelivery delivery, CancellationToken ct);
}
