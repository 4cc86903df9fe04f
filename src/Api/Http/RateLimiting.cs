using System.Globalization;
using System.Security.Claims;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Errors;
using LeadGrid.Domain.Common;
using LeadGrid.Application.RateLimits;

namespace LeadGrid.Api.Http;

/// <summary>
/// SPEC §10: every authenticated <c>/api/v1</c> request takes one request of its organization's budget (all keys of
/// an organization share it). The answer — errors included — carries <c>X-RateLimit-Limit</c>,
/// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c> (seconds until the budget is full again); over the
/// budget it is 429 <c>rate_limited</c> with <c>Retry-After</c> in whole seconds, after which a request succeeds.
/// Runs after authorization, so 401, 402 and 403 win over 429 (SPEC §2's order); 402 and 403 still count.
/// </summary>
internal static class RateLimiting
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>What each header says, for the OpenAPI document.</summary>
    public static readonly (string Name, string Description)[] Headers =
    [
        (LimitHeader, "Requests per minute the organization's plan allows."),
        (RemainingHeader, "Requests left in the organization's budget now."),
        (ResetHeader, "Seconds until the budget is full again (a duration, not a time)."),
    ];
    private static readonly object Taken = new();

    /// <summary>Takes one request of the caller's budget (once per request) and sets the headers; null when anonymous.</summary>
    public static async ValueTask<RateLimitDecision?> TakeAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(Taken, out var taken))
            return (RateLimitDecision?)taken;
        if (context.User.Identity is not { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName }
            || context.User.FindFirst(ApiClaims.OrganizationId)?.Value is not { } org)
            return null;
        var services = context.RequestServices;
        var limit = services.GetRequiredService<RateLimitOptions>().For(context.User.FindFirst(ApiClaims.Plan)?.Value ?? "");
        var decision = await services.GetRequiredService<IRateLimitStore>().TakeAsync(Guid.Parse(org), limit, context.RequestAborted);
        context.Items[Taken] = decision;
        context.Response.OnStarting(static state =>
        {
            // When the answer starts: the exception handler clears headers set earlier.
            var (response, d) = ((HttpResponse, RateLimitDecision))state;
            response.Headers[LimitHeader] = d.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers[RemainingHeader] = d.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers[ResetHeader] = d.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }, (context.Response, decision));
        return decision;
    }
}

internal sealed class RateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredScopes>() is not null
            && await RateLimiting.TakeAsync(context) is { Allowed: false } refused)
        {
            context.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                $"This organization's plan allows {refused.Limit} requests per minute; retry after {refused.RetryAfterSeconds} s (Retry-After).");
            return;
        }
        await next(context);
    }
}
