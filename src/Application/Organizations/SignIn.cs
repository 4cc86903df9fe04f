using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Who signed in: what the settings pages need to know about the session's member.</summary>
public sealed record SignedInMember(Guid MemberId, Guid OrganizationId, string Email, string FullName, string Role);

/// <summary>
/// Sign-in by email and password (SPEC §13). A wrong password and an unknown email answer alike (null), and five
/// failures for one email within 15 minutes lock it for 15 minutes, known or not, so nobody learns which emails
/// exist. A success clears the email's failures.
/// </summary>
public sealed record SignIn(string? Email, string? Password) : ICommand<SignedInMember?>;

internal sealed class SignInHandler(ISignInStore store, IPasswordHashing hashing, TimeProvider clock) : IRequestHandler<SignIn, SignedInMember?>
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    public async Task<SignedInMember?> Handle(SignIn command, CancellationToken ct)
    {
        var email = (command.Email ?? "").Trim();
        var password = command.Password ?? "";
        if (email.Length is 0 or > 254 || password.Length is 0 or > Member.PasswordMax)
        {
            hashing.Verify(null, password); // the same effort as a real check
            return null;
        }
        var now = clock.GetUtcNow();
        if (await store.IsLockedAsync(email, now, ct))
        {
            hashing.Verify(null, password);
            return null;
        }
        var candidates = await store.MembersWithEmailAsync(email, ct);
        var match = candidates.FirstOrDefault(m => m.PasswordHash is not null && hashing.Verify(m.PasswordHash, password));
        if (candidates.Count == 0)
            hashing.Verify(null, password);
        if (match is null)
        {
            await store.RecordFailureAsync(email, now, MaxFailures, Window, Lockout, ct);
            return null;
        }
        await store.ClearFailuresAsync(email, ct);
        return new SignedInMember(match.Id, match.OrganizationId, match.Email.Value, match.FullName, match.Role.ToName());
    }
}

/// <summary>Members by email across organizations, and failed sign-ins per email.</summary>
public interface ISignInStore
{
    Task<IReadOnlyList<Member>> MembersWithEmailAsync(string email, CancellationToken ct);
    Task<bool> IsLockedAsync(string email, DateTimeOffset now, CancellationToken ct);
    Task RecordFailureAsync(string email, DateTimeOffset now, int maxFailures, TimeSpan window, TimeSpan lockout, CancellationToken ct);
    Task ClearFailuresAsync(string email, CancellationToken ct);
}
