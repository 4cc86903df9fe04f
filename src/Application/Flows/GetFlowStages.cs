using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Flows;

/// <summary>GET /flows/:id/stages: every stage of one of the organization's flows, by position.</summary>
public sealed record GetFlowStages(Guid OrganizationId, Guid FlowId) : IRequest<IReadOnlyList<StageDetails>>;

internal sealed class GetFlowStagesHandler(IDbSession session) : IRequestHandler<GetFlowStages, IReadOnlyList<StageDetails>>
{
    public async Task<IReadOnlyList<StageDetails>> Handle(GetFlowStages query, CancellationToken ct)
    {
        // The flow row tells "no such flow" (no row) from "flow without stages" (one row of nulls): one round trip.
        const string sql = """
            SELECT s.id, s.name, s.position, s.deadline_days AS DeadlineDays, s.win_probability AS WinProbability, s.color
            FROM flows f
            LEFT JOIN stages s ON s.flow_id = f.id AND s.org_id = f.org_id
            WHERE f.id = @FlowId AND f.org_id = @OrganizationId
            ORDER BY s.position
            """;
        var rows = (await session.Connection.QueryAsync<StageRow>(
            new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct))).AsList();
        if (rows.Count == 0)
            throw new NotFoundException("Flow");
        return rows.Where(r => r.Id is not null)
            .Select(r => new StageDetails(r.Id!.Value, r.Name!, r.Position!.Value, r.DeadlineDays, r.WinProbability, r.Color))
            .ToArray();
    }

    private sealed record StageRow(Guid? Id, string? Name, int? Position, int? DeadlineDays, int? WinProbability, string? Color)
    {
        private StageRow() : this(null, null, null, null, null, null) { }
    }
}
