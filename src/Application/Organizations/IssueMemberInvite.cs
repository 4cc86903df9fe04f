using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

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
