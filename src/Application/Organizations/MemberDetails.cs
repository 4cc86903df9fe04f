using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

/// <summary>A member as the operator API shows it: never the password, only whether there is one.</summary>
[RowSource("members m", Key = "m.id")]
public sealed record MemberDetails
{
    [Column("m.id")] public required Guid Id { get; init; }
    [Column("m.email::text")] public required string Email { get; init; }
    [Column("m.full_name")] public required string FullName { get; init; }
    [Column("m.role"), ClosedSet(typeof(MemberRole))] public required string Role { get; init; }
    [Column("m.password_hash IS NOT NULL")] public bool HasPassword { get; init; }
    [Column("m.created_at")] public DateTimeOffset CreatedAt { get; init; }

    [JsonIgnore, Column("m.org_id", Selected = false)] public Guid OrganizationId { get; init; }

    public static MemberDetails From(Member m) => new()
    {
        Id = m.Id, Email = m.Email.Value, FullName = m.FullName, Role = m.Role.ToName(), HasPassword = m.PasswordHash is not null,
        CreatedAt = m.CreatedAt, OrganizationId = m.OrganizationId,
    };
}

/// <summary>A one-time invite: the token goes into the invite URL and is stored only as its hash.</summary>
public sealed record MemberInvite(string Token, DateTimeOffset ExpiresAt);

/// <summary>A member just added, with the invite where they set their password.</summary>
public sealed record NewMember(MemberDetails Member, MemberInvite Invite);
