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

internal static class MemberQueries
{
    /// <summary>A member as <see cref="MemberDetails"/> reads it: never the password, only whether there is one.</summary>
    public const string Select =
        "SELECT id, email::text AS Email, full_name AS FullName, role AS Role, password_hash IS NOT NULL AS HasPassword, created_at AS CreatedAt";
}
