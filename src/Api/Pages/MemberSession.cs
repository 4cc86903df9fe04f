using System.Security.Claims;
using LeadGrid.Application.Organizations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LeadGrid.Api.Pages;

/// <summary>
/// The settings pages' session (SPEC §13): a cookie (HttpOnly, SameSite=Lax, Secure outside development and tests,
/// sliding 8 hours) naming the member, their organization and role. API keys never authenticate here, and the
/// cookie never authenticates /api/v1.
/// </summary>
public static class MemberSession
{
    public const string Scheme = "Member";
    public const string Policy = "Member";
    public const string MemberIdClaim = "member_id";
    public const string OrganizationIdClaim = "org_id";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";

    public static IServiceCollection AddMemberSessions(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        // Secure-only outside development and tests, unless Session:SecureCookie=false (./build.sh run's plain http).
        var secure = configuration.GetValue("Session:SecureCookie", !(environment.IsDevelopment() || environment.IsEnvironment("Testing")));
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "leadgrid_session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.Events.OnRedirectToAccessDenied = context =>
            {
                // A member's forged POST: 403, not a redirect.
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    public static Task SignInAsync(HttpContext context, SignedInMember member) =>
        context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(MemberIdClaim, member.MemberId.ToString()),
            new Claim(OrganizationIdClaim, member.OrganizationId.ToString()),
            new Claim(RoleClaim, member.Role),
            new Claim(NameClaim, member.FullName),
        ], Scheme)), new AuthenticationProperties { IsPersistent = false });

    public static Guid OrganizationId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirst(OrganizationIdClaim)!.Value);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.FindFirst(RoleClaim)?.Value == "admin";
}
