using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Flows;

/// <summary>GET /flows: the organization's flows with nested stages, optionally of one type.</summary>
public sealed record ListFlows(Guid OrganizationId, string? Type, PageRequest Page) : IRequest<Paged<FlowDetails>>;

internal sealed class ListFlowsHandler(IDbSession session) : IRequestHandler<ListFlows, Paged<FlowDetails>>
{
    public async Task<Paged<FlowDetails>> Handle(ListFlows query, CancellationToken ct)
    {
        var spec = new SqlSpec("f.created_at", "f.name", "f.id")
            .Where("f.org_id = @org", new { org = query.OrganizationId })
            .Where("f.type = @type", new { type = query.Type }, when: query.Type is not null)
            .OrderBy("f.created_at").OrderBy("f.name").OrderBy("f.id")
            .Page(query.Page);
        var (pageSql, args) = spec.BuildPaged(
            "SELECT f.id, f.name, f.type, f.is_default AS IsDefault FROM flows f", "FROM flows f");
        // Count, page and the page's stages: three statements, one round trip.
        var (idsSql, _) = spec.Build("SELECT f.id FROM flows f");
        var sql = pageSql + $"""
            ;
            SELECT s.flow_id AS FlowId, s.id, s.name, s.position, s.deadline_days AS DeadlineDays,
                   s.win_probability AS WinProbability, s.color
            FROM stages s
            WHERE s.org_id = @org AND s.flow_id IN ({idsSql})
            ORDER BY s.flow_id, s.position
            """;

        using var results = await session.Connection.QueryMultipleAsync(
            new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var flows = (await results.ReadAsync<FlowRow>()).AsList();
        var stages = (await results.ReadAsync<StageRow>()).ToLookup(s => s.FlowId, s => s.ToDetails());
        var items = flows.Select(f => new FlowDetails(f.Id, f.Name, f.Type, f.IsDefault, stages[f.Id].ToArray())).ToArray();
        return new Paged<FlowDetails>(items, total, query.Page.Page, query.Page.PerPage);
    }

    private sealed record FlowRow(Guid Id, string Name, string Type, bool IsDefault)
    {
        private FlowRow() : this(default, "", "", false) { }
    }

    private sealed record StageRow(Guid FlowId, Guid Id, string Name, int Position, int? DeadlineDays, int? WinProbability, string? Color)
    {
        private StageRow() : this(default, default, "", 0, null, null, null) { }

        public StageDetails ToDetails() => new(Id, Name, Position, DeadlineDays, WinProbability, Color);
    }
}
