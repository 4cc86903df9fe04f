using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using LeadGrid.Api.Errors;
using LeadGrid.Domain.Common;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LeadGrid.Api.Pages;

/// <summary>Where an invited member sets a password (SPEC §13); the invite then stops working.</summary>
public sealed class InviteModel(IMemberInvites invites, IMediator mediator, TimeProvider clock) : PageModel
{
    public bool Invalid { get; private set; }
    public string? Email { get; private set; }
    public string? FullName { get; private set; }
    public string? PasswordError { get; private set; }
    public string? ConfirmError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var member = await invites.FindMemberAsync(token, clock.GetUtcNow(), ct);
        if (member is null)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        (Email, FullName) = (member.Email.Value, member.FullName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, [FromForm] string? password, [FromForm] string? confirm, CancellationToken ct)
    {
        if (password != confirm)
        {
            ConfirmError = "The two passwords differ.";
            return await OnGetAsync(token, ct);
        }
        try
        {
            var member = await mediator.Send(new SetPasswordFromInvite(token, password), ct);
            return Redirect($"/signin?set=1&email={Uri.EscapeDataString(member.Email)}");
        }
        catch (NotFoundException)
        {
            Invalid = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        catch (DomainException ex)
        {
            PasswordError = ApiError.From(ex)?.Message;
            var page = await OnGetAsync(token, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
    }
}
