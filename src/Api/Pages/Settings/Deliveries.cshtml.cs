using LeadGrid.Application.Common;
using LeadGrid.Application.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadGrid.Api.Pages;

/// <summary>An endpoint's deliveries, newest first, with every attempt; admins may redeliver (SPEC §13).</summary>
[Authorize(Policy = MemberSession.Policy)]
public sealed class DeliveriesModel(IMediator mediator) : PageModel
{
    public WebhookEndpointDetails? Endpoint { get; private set; }
    public IReadOnlyList<WebhookDeliveryDetails> Deliveries { get; private set; } = [];
    public bool IsAdmin => User.IsAdmin();
    public string? Message { get; private set; }

    public static string Start(string? body) => body is null ? "—" : body.Length <= 120 ? body : body[..120] + "…";

    public Task OnGetAsync(Guid endpointId, CancellationToken ct) => LoadAsync(endpointId, ct);

    public async Task<IActionResult> OnPostRedeliverAsync(Guid endpointId, [FromForm] Guid deliveryId, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        await mediator.Send(new RedeliverWebhook(User.OrganizationId(), deliveryId), ct);
        Message = "A new attempt is on its way; reload to see it.";
        await LoadAsync(endpointId, ct);
        return Page();
    }

    private async Task LoadAsync(Guid endpointId, CancellationToken ct)
    {
        // Another organization's endpoint is not found, exactly like an unknown one.
        Endpoint = await mediator.Send(new GetWebhookEndpoint(User.OrganizationId(), endpointId), ct);
        Deliveries = (await mediator.Send(new ListWebhookDeliveries(User.OrganizationId(), endpointId, [], new PageRequest(1, 50)), ct)).Items;
    }
}
