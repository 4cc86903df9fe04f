using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

public sealed record GetOrganization(Guid OrganizationId) : IRequest<OrganizationDetails>;

internal sealed class GetOrganizationHandler(IDbSession session) : IRequestHandler<GetOrganization, OrganizationDetails>
{
    public async Task<OrganizationDetails> Handle(GetOrganization query, CancellationToken ct)
    {
        const string sql = """
            SELECT id, name, plan, created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM organizations WHERE id = @OrganizationId
            """;
        return await session.Connection.QuerySingleOrDefaultAsync<OrganizationDetails>(
                   new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct))
               ?? throw new NotFoundException("Organization");
    }
}
