using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using LeadGrid.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace LeadGrid.Api.Auth;

/// <summary>
/// The operator API (SPEC §12): <c>Authorization: Bearer &lt;Admin:Token&gt;</c>, compared in constant time.
/// With no token configured the whole <c>/admin</c> tree answers 404 (see <see cref="AdminGate"/>).
/// </summary>
internal sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "AdminToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = configuration["Admin:Token"];
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(expected) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.Fail("Send the operator token: 'Authorization: Bearer <Admin:Token>'."));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
            return Task.FromResult(AuthenticateResult.Fail("The operator token is not valid."));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "operator")], SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var reason = result.Failure?.Message ?? "Authentication required.";
        LeadGrid.Api.Logging.AuthenticationFailureLog.Failed(Context, SchemeName, reason);
        Response.Headers.WWWAuthenticate = "Bearer";
        await ErrorWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, "unauthorized", reason);
    }

    public static readonly AuthorizationPolicy Policy =
        new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().Build();
}

/// <summary>With no operator token configured, every /admin path is 404, whatever its method.</summary>
internal static class AdminGate
{
    public static IApplicationBuilder UseAdminGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/admin")
                && string.IsNullOrEmpty(context.RequestServices.GetRequiredService<IConfiguration>()["Admin:Token"]))
            {
                await ErrorWriter.WriteAsync(context, StatusCodes.Status404NotFound, "not_found",
                    $"No route matches {context.Request.Method} {context.Request.Path}.");
                return;
            }
            await next(context);
        });
}
