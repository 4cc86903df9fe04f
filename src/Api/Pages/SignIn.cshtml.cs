using LeadGrid.Application.Organizations;
using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadGrid.Api.Pages;

/// <summary>Sign-in by email and password; one answer for every failure, locked or not, known or not (SPEC §13).</summary>
public sealed class SignInModel(IMediator mediator) : PageModel
{
    public const string Failure = "That email and password do not match an account, or the email is locked for 15 minutes after five failed tries.";

    public string? Email { get; private set; }
    public string? Error { get; private set; }
    public bool PasswordSet { get; private set; }

    public void OnGet([FromQuery] string? email, [FromQuery] string? set)
    {
        Email = email;
        PasswordSet = set == "1";
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? email, [FromForm] string? password, CancellationToken ct)
    {
        var member = await mediator.Send(new SignIn(email, password), ct);
        if (member is null)
        {
            Email = email;
            Error = Failure;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await MemberSession.SignInAsync(HttpContext, member);
        return LocalRedirect("/settings/api");
    }
}

/// <summary>
/// POST /signout ends the session (a form with antiforgery, never a GET). Authorized by the session, so the form's
/// antiforgery token, made for the signed-in member, is checked against that member.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = MemberSession.Policy)]
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/signin");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(MemberSession.Scheme);
        return Redirect("/signin");
    }
}
