using System.Globalization;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Api.Errors;
using LeadGrid.Domain.Common;
using LeadGrid.Application.Webhooks;
using LeadGrid.Domain.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadGrid.Api.Pages;

/// <summary>
/// Settings → API (SPEC §13) for the signed-in member's own organization: the same application commands as the
/// operator API, so the same rules and messages. Members see; only admins change (a member's POST is 403).
/// </summary>
[Authorize(Policy = MemberSession.Policy)]
public sealed class ApiSettingsModel(IMediator mediator) : PageModel
{
    public static readonly (string Scope, string What)[] ScopeDescriptions =
    [
        (Scopes.DossiersRead, "read dossiers, their contacts and CVs"),
        (Scopes.DossiersWrite, "create, change, move and archive dossiers; link contacts; upload CVs"),
        (Scopes.ContactsRead, "read and search contacts"),
        (Scopes.ContactsWrite, "create and change contacts"),
        (Scopes.FlowsRead, "read flows and their stages"),
        (Scopes.NotesRead, "read the notes on dossiers"),
        (Scopes.NotesWrite, "add notes to dossiers"),
    ];

    public static IReadOnlyList<string> EventTypes => WebhookEventTypes.All;

    public IReadOnlyList<ApiKeyDetails> Keys { get; private set; } = [];
    public IReadOnlyList<WebhookEndpointDetails> Endpoints { get; private set; } = [];
    public WebhookEndpointDetails? ShownSecret { get; private set; }
    public string? Message { get; private set; }
    public string? EndpointUrl { get; private set; }
    public Dictionary<Guid, string> EndpointErrors { get; } = new();
    public bool IsAdmin => User.IsAdmin();
    public CreatedApiKey? CreatedKey { get; private set; }
    public Dictionary<string, string> Errors { get; } = new();
    public string? KeyName { get; private set; }
    public IReadOnlyCollection<string> KeyScopes { get; private set; } = [];
    public string? KeyExpires { get; private set; }

    private Guid OrganizationId => User.OrganizationId();

    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateKeyAsync([FromForm] string? name, [FromForm] string[]? scopes, [FromForm] string? expiresAt,
        CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        (KeyName, KeyScopes, KeyExpires) = (name, scopes ?? [], expiresAt);
        DateTimeOffset? expires = null;
        if (!string.IsNullOrWhiteSpace(expiresAt))
        {
            if (DateTime.TryParseExact(expiresAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                expires = new DateTimeOffset(parsed, TimeSpan.Zero);
            else
                Errors["expires_at"] = "'expires_at' must be a date and time.";
        }
        if (Errors.Count == 0)
        {
            try
            {
                CreatedKey = await mediator.Send(new CreateApiKey(name, scopes ?? [], expires) { OrganizationId = OrganizationId }, ct);
                (KeyName, KeyScopes, KeyExpires) = (null, [], null);
            }
            catch (Exception ex) when (FieldError(ex, "name") is { } error)
            {
                Errors[error.Field] = error.Message;
            }
        }
        if (Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync([FromForm] Guid keyId, [FromForm] string? confirm, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        if (confirm == "yes")
            await mediator.Send(new RevokeApiKey(OrganizationId, keyId), ct); // another organization's key: 404, as in the API
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAddEndpointAsync([FromForm] string? url, [FromForm] string[]? events, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        EndpointUrl = url;
        try
        {
            ShownSecret = await mediator.Send(new CreateWebhookEndpoint(url, events is { Length: > 0 } ? events : null) { OrganizationId = OrganizationId }, ct);
            EndpointUrl = null;
        }
        catch (Exception ex) when (FieldError(ex, "url") is { } error)
        {
            Errors[error.Field] = error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEditEndpointAsync([FromForm] Guid endpointId, [FromForm] string? url, [FromForm] string[]? events, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        try
        {
            await mediator.Send(new UpdateWebhookEndpoint
            {
                Url = url ?? "", Events = events ?? [], OrganizationId = OrganizationId, EndpointId = endpointId,
                Given = { nameof(UpdateWebhookEndpoint.Url), nameof(UpdateWebhookEndpoint.Events) },
            }, ct);
            Message = "The endpoint is saved.";
        }
        catch (Exception ex) when (FieldError(ex, "url") is { } error)
        {
            EndpointErrors[endpointId] = error.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync([FromForm] Guid endpointId, [FromForm] bool enable, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        await mediator.Send(new UpdateWebhookEndpoint
        {
            Enabled = enable, OrganizationId = OrganizationId, EndpointId = endpointId, Given = { nameof(UpdateWebhookEndpoint.Enabled) },
        }, ct);
        return RedirectToPage(null, null, "webhooks");
    }

    public async Task<IActionResult> OnPostRotateAsync([FromForm] Guid endpointId, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        ShownSecret = await mediator.Send(new RotateWebhookSecret { OrganizationId = OrganizationId, EndpointId = endpointId }, ct);
        Message = "The new secret signs from now on; the old one keeps signing too (a second v1=) for 24 hours.";
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync([FromForm] Guid endpointId, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        await mediator.Send(new SendWebhookTestEvent(OrganizationId, endpointId), ct);
        return Redirect($"/settings/api/webhooks/{endpointId}");
    }

    public async Task<IActionResult> OnPostRemoveEndpointAsync([FromForm] Guid endpointId, [FromForm] string? confirm, CancellationToken ct)
    {
        if (!IsAdmin) return Forbid(MemberSession.Scheme);
        if (confirm == "yes")
            await mediator.Send(new DeleteWebhookEndpoint(OrganizationId, endpointId), ct);
        return RedirectToPage(null, null, "webhooks");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Keys = (await mediator.Send(new ListApiKeys(OrganizationId, new PageRequest(1, 100)), ct)).Items;
        Endpoints = (await mediator.Send(new ListWebhookEndpoints(OrganizationId, new PageRequest(1, 100)), ct)).Items;
    }

    /// <summary>
    /// The form field and message of an input error, exactly as the API answers it (<see cref="ApiError"/>): the field is
    /// its <c>param</c> without an element's index (<c>scopes[0]</c> is shown at <c>scopes</c>), else <paramref name="fallback"/>.
    /// </summary>
    private static (string Field, string Message)? FieldError(Exception ex, string fallback) =>
        ApiError.From(ex) is { Code: ErrorCodes.InvalidBody } error
            ? (error.Param?.Split('[', '.')[0] ?? fallback, error.Message)
            : null;
}
