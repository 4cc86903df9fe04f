using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>The organization's first admin member, or null (the demo seeder's sign-in link).</summary>
public sealed record GetFirstAdmin(Guid OrganizationId) : IRequest<MemberDetails?>;

internal sealed class GetFirstAdminHandler(IDbSession session) : IRequestHandler<GetFirstAdmin, MemberDetails?>
{
    public async Task<MemberDetails?> Handle(GetFirstAdmin query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<MemberDetails>(new CommandDefinition($"""
            {MemberQueries.Select}
            FROM members WHERE org_id = @OrganizationId AND role = 'admin' ORDER BY created_at, id LIMIT 1
            """, query, session.Transaction, cancellationToken: ct));
}
