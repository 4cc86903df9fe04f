using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Every organization, newest first (operators only).</summary>
public sealed record ListOrganizations(PageRequest Page) : IRequest<Paged<OrganizationDetails>>;

internal sealed class ListOrganizationsHandler(IDbSession session) : IRequestHandler<ListOrganizations, Paged<OrganizationDetails>>
{
    public async Task<Paged<OrganizationDetails>> Handle(ListOrganizations query, CancellationToken ct)
    {
        var (sql, args) = new SqlSpec("o.created_at", "o.id")
            .OrderBy("o.created_at", descending: true).OrderBy("o.id", descending: true)
            .Page(query.Page)
            .BuildPaged("SELECT o.id, o.name, o.plan, o.created_at AS CreatedAt, o.updated_at AS UpdatedAt FROM organizations o",
                "FROM organizations o");
        using var results = await session.Connection.QueryMultipleAsync(
            new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<OrganizationDetails>()).AsList();
        return new Paged<OrganizationDetails>(items, total, query.Page.Page, query.Page.PerPage);
    }
}
