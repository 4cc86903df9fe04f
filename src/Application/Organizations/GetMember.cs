using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

public sealed record GetMember(Guid OrganizationId, Guid MemberId) : IRequest<MemberDetails>;

internal sealed class GetMemberHandler(IDbSession session) : IRequestHandler<GetMember, MemberDetails>
{
    public async Task<MemberDetails> Handle(GetMember query, CancellationToken ct) =>
        await session.GetAsync<MemberDetails>(query.OrganizationId, query.MemberId, "Member", ct);
}
