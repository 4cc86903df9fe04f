namespace LeadGrid.Application.Webhooks;

/// <summary>
/// The deliveries waiting for an endpoint, in the change's transaction: a disabled endpoint's pending deliveries are
/// parked (out of the due range; one whose attempt is under way is parked when its result comes back), and an enabled
/// one's parked deliveries are due again at once.
/// </summary>
public interface IWebhookQueue
{
    Task ParkAsync(Guid endpointId, CancellationToken ct);

    Task ResumeAsync(Guid endpointId, DateTimeOffset at, CancellationToken ct);
}
