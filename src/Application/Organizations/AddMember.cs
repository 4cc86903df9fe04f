using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>
/// Adds a user to an organization (SPEC §12, §13); an email already used there (any case) is a 409 duplicate_member.
/// <c>role</c> is optional (<c>member</c>); the organization's first member is its admin whatever was asked. The
/// organization's row is locked while adding, so two first members cannot both become admin.
/// </summary>
public sealed record AddMember(string? Email, string? FullName, MemberRole? Role = null) : ICommand<NewMember>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class AddMemberHandler(IOrganizationRepository organizations, IMemberInvites invites, TimeProvider clock)
    : IRequestHandler<AddMember, NewMember>
{
    public async Task<NewMember> Handle(AddMember command, CancellationToken ct)
    {
        var role = command.Role ?? MemberRole.Member;
        _ = await organizations.GetForUpdateAsync(command.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var isFirst = !await organizations.HasMembersAsync(command.OrganizationId, ct);
        var now = clock.GetUtcNow();
        var member = Member.Join(command.OrganizationId, command.Email, command.FullName, role, isFirst, now);
        await organizations.AddMemberAsync(member, ct);
        var invite = await invites.IssueAsync(member, now, ct);
        return new NewMember(MemberDetails.From(member), invite);
    }
}
