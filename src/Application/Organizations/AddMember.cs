using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

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

/// <summary>
/// Adds a user to an organization (SPEC §12, §13); an email already used there (any case) is a 409 duplicate_member.
/// <c>role</c> is optional (<c>member</c>); the organization's first member is its admin whatever was asked. The
/// organization's row is locked while adding, so two first members cannot both become admin.
/// </summary>
public sealed record AddMember(string? Email, string? FullName, string? Role = null) : ICommand<NewMember>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class AddMemberHandler(IOrganizationRepository organizations, IMemberInvites invites, TimeProvider clock)
    : IRequestHandler<AddMember, NewMember>
{
    public async Task<NewMember> Handle(AddMember command, CancellationToken ct)
    {
        var role = command.Role is null ? MemberRole.Member : MemberRoles.Parse(command.Role);
        _ = await organizations.GetForUpdateAsync(command.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var isFirst = !await organizations.HasMembersAsync(command.OrganizationId, ct);
        var now = clock.GetUtcNow();
        var member = Member.Join(command.OrganizationId, command.Email, command.FullName, role, isFirst, now);
        await organizations.AddMemberAsync(member, ct);
        var invite = await invites.IssueAsync(member, now, ct);
        return new NewMember(MemberDetails.From(member), invite);
    }
}

/// <summary>A new invite for a member (SPEC §13): the member's earlier invites stop working.</summary>
public sealed record IssueMemberInvite(Guid OrganizationId, Guid MemberId) : ICommand<MemberInvite>;

internal sealed class IssueMemberInviteHandler(IOrganizationRepository organizations, IMemberInvites invites, TimeProvider clock)
    : IRequestHandler<IssueMemberInvite, MemberInvite>
{
    public async Task<MemberInvite> Handle(IssueMemberInvite command, CancellationToken ct)
    {
        var member = await organizations.GetMemberAsync(command.OrganizationId, command.MemberId, ct) ?? throw new NotFoundException("Member");
        return await invites.IssueAsync(member, clock.GetUtcNow(), ct);
    }
}

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
