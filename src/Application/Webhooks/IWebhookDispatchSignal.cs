namespace LeadGrid.Application.Webhooks;

/// <summary>
/// Wakes this instance's webhook dispatcher: called after a commit that made work for it, so an event leaves within
/// milliseconds rather than at the next poll. Other instances find the work by polling (no NOTIFY in the writing
/// transaction: it would serialize commits).
/// </summary>
public interface IWebhookDispatchSignal
{
    void Wake();
}
