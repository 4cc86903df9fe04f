using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Sets a member's password through a live invite (SPEC §13); the invite then stops working.</summary>
public sealed record SetPasswordFromInvite(string Token, string? Password) : ICommand<MemberDetails>;

internal sealed class SetPasswordFromInviteHandler(IMemberInvites invites, IOrganizationRepository organizations, IPasswordHashing hashing,
    TimeProvider clock) : IRequestHandler<SetPasswordFromInvite, MemberDetails>
{
    public async Task<MemberDetails> Handle(SetPasswordFromInvite command, CancellationToken ct)
    {
        var member = await invites.FindMemberAsync(command.Token, clock.GetUtcNow(), ct) ?? throw new NotFoundException("Invite");
        Member.CheckPassword(command.Password);
        member.SetPasswordHash(hashing.Hash(command.Password!));
        await organizations.UpdateMemberPasswordAsync(member, ct);
        await invites.EndAsync(member, ct);
        return MemberDetails.From(member);
    }
}
