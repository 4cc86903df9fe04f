using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

/// <summary>Invites, stored by the SHA-256 of their token, valid 7 days, one live invite per member.</summary>
public interface IMemberInvites
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A new invite for the member, replacing any earlier one.</summary>
    Task<MemberInvite> IssueAsync(Member member, DateTimeOffset now, CancellationToken ct);

    /// <summary>The member a live invite belongs to, or null (unknown, replaced, used or expired).</summary>
    Task<Member?> FindMemberAsync(string token, DateTimeOffset now, CancellationToken ct);

    /// <summary>Ends every invite of the member (after the password is set).</summary>
    Task EndAsync(Member member, CancellationToken ct);
}

/// <summary>Password hashing (ASP.NET Core Identity's PasswordHasher in Infrastructure).</summary>
public interface IPasswordHashing
{
    string Hash(string password);

    /// <summary>Whether the password matches; always spends the same effort, also for a null hash.</summary>
    bool Verify(string? hash, string password);
}
