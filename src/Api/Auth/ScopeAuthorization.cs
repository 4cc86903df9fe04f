using LeadGrid.Application.Common;
using LeadGrid.Api.Http;
using LeadGrid.Api.Errors;
using LeadGrid.Domain.Organizations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Routing;

namespace LeadGrid.Api.Auth;

/// <summary>The organization's plan must include the API (growth), else 402 plan_required.</summary>
internal sealed class PlanRequirement : IAuthorizationRequirement
{
    public static readonly PlanRequirement Instance = new();
}

/// <summary>The key must carry every one of these scopes, else 403 forbidden naming the missing ones.</summary>
internal sealed record ScopeRequirement(IReadOnlyList<string> Scopes) : IAuthorizationRequirement;

/// <summary>Endpoint metadata: the scopes an endpoint needs (read by the OpenAPI document and /docs).</summary>
public sealed record RequiredScopes(IReadOnlyList<string> Scopes);

internal sealed class PlanRequirementHandler : AuthorizationHandler<PlanRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PlanRequirement requirement)
    {
        var plan = context.User.FindFirst(ApiClaims.Plan)?.Value;
        if (WireNames<Plan>.TryParse(plan, out var known) && known.IncludesApi())
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this,
                $"This organization is on the '{plan}' plan; API access requires the 'growth' plan."));
        return Task.CompletedTask;
    }
}

internal sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var missing = requirement.Scopes.Where(s => !context.User.HasClaim(ApiClaims.Scope, s)).ToArray();
        if (missing.Length == 0)
            context.Succeed(requirement);
        else
            context.Fail(new AuthorizationFailureReason(this, missing.Length == 1
                ? $"This API key lacks the scope '{missing[0]}'."
                : $"This API key lacks the scopes {string.Join(" and ", missing.Select(s => $"'{s}'"))}."));
        return Task.CompletedTask;
    }
}

/// <summary>Turns a refused authorization into the envelope: 401 (via the scheme's challenge), then 402, then 403.</summary>
internal sealed class EnvelopeAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || result.AuthorizationFailure is not { } failure)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        await RateLimiting.TakeAsync(context); // a refused request counts too, and its answer carries the headers
        var reasons = failure.FailureReasons;
        var plan = reasons.FirstOrDefault(r => r.Handler is PlanRequirementHandler);
        if (plan is not null)
        {
            await ErrorWriter.WriteAsync(context, StatusCodes.Status402PaymentRequired, "plan_required", plan.Message);
            return;
        }
        var scope = reasons.FirstOrDefault(r => r.Handler is ScopeRequirementHandler);
        await ErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, "forbidden",
            scope?.Message ?? "This API key may not do this.");
    }
}

public static class ScopeEndpointExtensions
{
    /// <summary>Requires an API key of a growth-plan organization carrying all of <paramref name="scopes"/>.</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        var policy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(PlanRequirement.Instance, new ScopeRequirement(scopes))
            .Build();
        builder.Finally(endpoint => // a POST an API key makes takes an Idempotency-Key (Http.IdempotencyMiddleware), after its own answers
        {
            foreach (var answer in endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Contains(HttpMethods.Post)) ? ErrorAnswers.Idempotency : [])
                endpoint.Metadata.Add(answer);
        });
        return builder.RequireAuthorization(policy).WithMetadata(new RequiredScopes(scopes)).Answers(ErrorAnswers.ApiKey(scopes));
    }
}
