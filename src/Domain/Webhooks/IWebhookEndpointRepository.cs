namespace LeadGrid.Domain.Webhooks;

public interface IWebhookEndpointRepository
{
    /// <summary>The endpoint, its row locked for the change; null when it is not the organization's.</summary>
    Task<WebhookEndpoint?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct);

    /// <summary>The endpoint as it is now, without a lock; null when it is not the organization's.</summary>
    Task<WebhookEndpoint?> GetAsync(Guid organizationId, Guid id, CancellationToken ct);
    Task AddAsync(WebhookEndpoint endpoint, CancellationToken ct);
    Task UpdateAsync(WebhookEndpoint endpoint, CancellationToken ct);

    /// <returns>Whether there was such an endpoint.</returns>
    Task<bool> DeleteAsync(Guid organizationId, Guid id, CancellationToken ct);
}
