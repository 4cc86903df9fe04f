using Dapper;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Flows;

/// <summary>
/// Flows and their stages. They change rarely and a write path needs them on every create and stage move, so reads
/// come from <see cref="FlowCache"/> (a flow is immutable once loaded); a flow written here leaves the cache at commit.
/// </summary>
internal sealed class FlowRepository(IDbSession session, FlowCache cache) : IFlowRepository
{
    public async Task<Flow?> GetAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        cache.Get(organizationId, id)
        ?? cache.Keep(await LoadAsync("f.org_id = @organizationId AND f.id = @id", new { organizationId, id }, ct));

    public async Task<Flow?> GetDefaultAsync(Guid organizationId, DossierType type, CancellationToken ct) =>
        cache.GetDefault(organizationId, type)
        ?? cache.Keep(await LoadAsync("f.org_id = @organizationId AND f.type = @type AND f.is_default", new { organizationId, type = type.ToName() }, ct));

    /// <summary>The flow matching <paramref name="where"/> and its stages, in one round trip.</summary>
    private async Task<Flow?> LoadAsync(string where, object args, CancellationToken ct)
    {
        using var results = await session.QueryMultipleAsync($"""
            SELECT f.id, f.org_id AS OrganizationId, f.name, f.type, f.is_default AS IsDefault, f.created_at AS CreatedAt
            FROM flows f WHERE {where};
            SELECT s.id, s.name, s.position, s.deadline_days AS DeadlineDays, s.win_probability AS WinProbability, s.color
            FROM stages s JOIN flows f ON f.id = s.flow_id AND f.org_id = s.org_id
            WHERE {where} ORDER BY s.position;
            """, args, ct);
        var row = await results.ReadSingleOrDefaultAsync<Row>();
        var stages = (await results.ReadAsync<StageRow>()).Select(s => s.ToStage());
        if (row is null) return null;
        // Not tracked: a loaded flow is only read (and may be shared through the cache).
        return Flow.Restore(row.Id, row.OrganizationId, row.Name, WireNames<DossierType>.Parse(row.Type, nameof(Row.Type)), row.IsDefault, stages, row.CreatedAt);
    }

    /// <summary>The flow and all its stages in one round trip (stages through unnest of arrays).</summary>
    public async Task AddAsync(Flow f, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO flows (id, org_id, name, type, is_default, created_at)
            VALUES (@Id, @OrganizationId, @Name, @type, @IsDefault, @CreatedAt);
            INSERT INTO stages (id, org_id, flow_id, name, position, deadline_days, win_probability, color)
            SELECT s.id, @OrganizationId, @Id, s.name, s.position, s.deadline_days, s.win_probability, s.color
            FROM unnest(@ids, @names, @positions, @deadlines, @probabilities, @colors)
                 AS s(id, name, position, deadline_days, win_probability, color);
            """, new
            {
                f.Id, f.OrganizationId, f.Name, type = f.Type.ToName(), f.IsDefault, f.CreatedAt,
                ids = f.Stages.Select(s => s.Id).ToArray(),
                names = f.Stages.Select(s => s.Name).ToArray(),
                positions = f.Stages.Select(s => s.Position).ToArray(),
                deadlines = f.Stages.Select(s => s.DeadlineDays).ToArray(),
                probabilities = f.Stages.Select(s => s.WinProbability).ToArray(),
                colors = f.Stages.Select(s => s.Color).ToArray(),
            }, ct);
        session.Track(f);
        session.AfterCommit(() => cache.Forget(f.OrganizationId));
    }

    private sealed record Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public required string Name { get; init; }
        public required string Type { get; init; }
        public bool IsDefault { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed record StageRow
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public int Position { get; init; }
        public int? DeadlineDays { get; init; }
        public int? WinProbability { get; init; }
        public string? Color { get; init; }

        public Stage ToStage() => new(Id, Name, Position, DeadlineDays, WinProbability, Color);
    }
}
