using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

/// <summary>A member as the operator API shows it: never the password.</summary>
public sealed record MemberDetails(Guid Id, string Email, string FullName, string Role, bool HasPassword, DateTimeOffset CreatedAt)
{
    private MemberDetails() : this(default, "", "", "", false, default) { } // for Dapper: property mapping

    public static MemberDetails From(Member m) =>
        new(m.Id, m.Email.Value, m.FullName, m.Role.ToName(), m.PasswordHash is not null, m.CreatedAt);
}

/// <summary>A one-time invite: the token goes into the invite URL and is stored only as its hash.</summary>
public sealed record MemberInvite(string Token, DateTimeOffset ExpiresAt);

/// <summary>A member just added, with the invite where they set their password.</summary>
public sealed record NewMember(MemberDetails Member, MemberInvite Invite);

internal static class MemberQueries
{
    /// <summary>A member as <see cref="MemberDetails"/> reads it: never the password, only whether there is one.</summary>
    public const string Select =
        "SELECT id, email::text AS Email, full_name AS FullName, role AS Role, password_hash IS NOT NULL AS HasPassword, created_at AS CreatedAt";
}
