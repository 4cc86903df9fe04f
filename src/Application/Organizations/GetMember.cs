using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

public sealed record GetMember(Guid OrganizationId, Guid MemberId) : IRequest<MemberDetails>;

internal sealed class GetMemberHandler(IDbSession session) : IRequestHandler<GetMember, MemberDetails>
{
    public async Task<MemberDetails> Handle(GetMember query, CancellationToken ct)
    {
        var sql = $"""
            {MemberQueries.Select}
            FROM members WHERE org_id = @OrganizationId AND id = @MemberId
            """;
        return await session.Connection.QuerySingleOrDefaultAsync<MemberDetails>(
                   new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct))
               ?? throw new NotFoundException("Member");
    }
}
