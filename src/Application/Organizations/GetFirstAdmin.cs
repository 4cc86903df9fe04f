using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>The organization's first admin member, or null (the demo seeder's sign-in link).</summary>
public sealed record GetFirstAdmin(Guid OrganizationId) : IRequest<MemberDetails?>;

internal sealed class GetFirstAdminHandler(IDbSession session) : IRequestHandler<GetFirstAdmin, MemberDetails?>
{
    public async Task<MemberDetails?> Handle(GetFirstAdmin query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<MemberDetails>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct));

    private static readonly string Sql = $"""
        SELECT {RowColumns<MemberDetails>.SelectList}
        FROM {RowColumns<MemberDetails>.From} WHERE m.org_id = @OrganizationId AND m.role = 'admin' ORDER BY m.created_at, m.id LIMIT 1
        """;
}
