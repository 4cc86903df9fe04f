using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// Refuses webhook URLs whose host resolves to an address the server must not call (loopback, private, link-local, …),
/// unless the server allows private targets. Throws a 400 invalid_body naming the reason. The dispatcher checks the
/// addresses again when it connects, so a name that resolves differently later (DNS rebinding) gains nothing.
/// </summary>
public interface IWebhookUrlGuard
{
    Task CheckAsync(WebhookUrl url, CancellationToken ct);
}
