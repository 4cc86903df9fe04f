using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using LeadGrid.Api.Errors;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LeadGrid.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer lg_live_…</c>. The key's shape and checksum are checked before anything else, so a
/// mistyped key costs no lookup; a well-formed key is looked up by its SHA-256 through a 30-second cache, so a
/// request normally costs no database round trip. Failures answer 401 <c>unauthorized</c> with the reason.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    IApiKeyCache cache, IApiKeyUsage usage, FailedAuthentications failures, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly object TooManyFailures = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
            return AuthenticateResult.Fail("Missing Authorization header; send 'Authorization: Bearer lg_live_…'.");
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must use the Bearer scheme: 'Authorization: Bearer lg_live_…'.");
        var token = header["Bearer ".Length..].Trim();
        if (!ApiKeyToken.IsWellFormed(token))
            return AuthenticateResult.Fail("The API key is malformed: check that it was copied whole.");

        var hash = ApiKeyToken.Hash(token);
        var address = Context.Connection.RemoteIpAddress;
        if (!cache.TryGet(hash, out var key))
        {
            // A lookup costs a token of this address's budget of failures, given back if the key is valid.
            if (!failures.TryTake(address, out var retryAfter))
            {
                Context.Items[TooManyFailures] = retryAfter;
                return AuthenticateResult.Fail("Too many failed authentications from this address; retry later.");
            }
            key = await cache.GetOrLoadAsync(hash,
                ct => Context.RequestServices.GetRequiredService<IMediator>().Send(new FindApiKey(hash), ct), Context.RequestAborted);
            if (key is not null)
                failures.GiveBack(address);
        }
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.Hash, hash))
            return AuthenticateResult.Fail("The API key is not valid.");
        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null)
            return AuthenticateResult.Fail("The API key has been revoked.");
        if (key.ExpiresAt is { } expiry && expiry <= now)
            return AuthenticateResult.Fail("The API key has expired.");

        usage.Record(key.OrganizationId, key.KeyId, now);
        var claims = new List<Claim>(key.Scopes.Length + 4)
        {
            new(ApiClaims.OrganizationId, key.OrganizationId.ToString()),
            new(ApiClaims.KeyId, key.KeyId.ToString()),
            new(ApiClaims.Plan, key.Plan),
            new(ApiClaims.KeyPrefix, ApiKeyToken.DisplayPrefix(token)),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(ApiClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (Context.Items[TooManyFailures] is TimeSpan wait)
        {
            LeadGrid.Api.Logging.AuthenticationFailureLog.Failed(Context, SchemeName, "Too many failed authentications from this address.");
            Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorWriter.WriteAsync(Context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                "Too many failed authentications from this address; retry after the time in Retry-After.");
            return;
        }
        var reason = result.Failure?.Message ?? "Authentication required.";
        LeadGrid.Api.Logging.AuthenticationFailureLog.Failed(Context, SchemeName, reason);
        Response.Headers.WWWAuthenticate = "Bearer";
        await ErrorWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", reason);
    }
}

public static class ApiClaims
{
    public const string OrganizationId = "org_id";
    public const string KeyId = "key_id";
    public const string Plan = "plan";
    public const string Scope = "scope";
    /// <summary>The key's non-secret display prefix (as the key listings show it), for the access log.</summary>
    public const string KeyPrefix = "key_prefix";

    public static Guid OrganizationIdOf(this ClaimsPrincipal user) => Guid.Parse(user.FindFirst(OrganizationId)!.Value);
}
