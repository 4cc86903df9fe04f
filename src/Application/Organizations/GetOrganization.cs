using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

public sealed record GetOrganization(Guid OrganizationId) : IRequest<OrganizationDetails>;

internal sealed class GetOrganizationHandler(IDbSession session) : IRequestHandler<GetOrganization, OrganizationDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<OrganizationDetails>.SelectList}\nFROM {RowColumns<OrganizationDetails>.From} WHERE o.id = @OrganizationId";

    public async Task<OrganizationDetails> Handle(GetOrganization query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<OrganizationDetails>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException("Organization");
}
