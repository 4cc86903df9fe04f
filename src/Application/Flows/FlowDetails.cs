using System.Text.Json;
using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Application.Flows;

/// <summary>SPEC §7: a stage as the API shows it.</summary>
public sealed record StageDetails(Guid Id, string Name, int Position, int? DeadlineDays, int? WinProbability, string? Color);

/// <summary>The row stage specifications filter: a stage, and the flow and organization it belongs to.</summary>
[RowSource("stages s", Key = "s.id")]
public sealed record StageRow
{
    [Column("s.id")] public required Guid Id { get; init; }
    [Column("s.name")] public required string Name { get; init; }
    [Column("s.position")] public int Position { get; init; }
    [Column("s.deadline_days")] public int? DeadlineDays { get; init; }
    [Column("s.win_probability")] public int? WinProbability { get; init; }
    [Column("s.color")] public string? Color { get; init; }

    [JsonIgnore, Column("s.org_id", Selected = false)] public Guid OrganizationId { get; init; }
    [JsonIgnore, Column("s.flow_id", Selected = false)] public Guid FlowId { get; init; }

    public StageDetails ToDetails() => new(Id, Name, Position, DeadlineDays, WinProbability, Color);
}

/// <summary>SPEC §7: a flow with its stages by position.</summary>
public sealed record FlowDetails(Guid Id, string Name, [property: ClosedSet(typeof(DossierType))] string Type, bool IsDefault, IReadOnlyList<StageDetails> Stages);

/// <summary>The row flow specifications filter: a flow and its stages (as one JSON array, so a page is one statement).</summary>
[RowSource("flows f", Key = "f.id")]
public sealed record FlowRow
{
    [Column("f.id")] public required Guid Id { get; init; }
    [Column("f.name")] public required string Name { get; init; }
    [Column("f.type")] public required string Type { get; init; }
    [Column("f.is_default")] public bool IsDefault { get; init; }
    [Column("""
        (SELECT coalesce(json_agg(json_build_object('id', s.id, 'name', s.name, 'position', s.position,
                 'deadline_days', s.deadline_days, 'win_probability', s.win_probability, 'color', s.color) ORDER BY s.position), '[]')
         FROM stages s WHERE s.org_id = f.org_id AND s.flow_id = f.id)::text
        """)]
    public string Stages { get; init; } = "[]";

    [JsonIgnore, Column("f.org_id", Selected = false)] public Guid OrganizationId { get; init; }
    [JsonIgnore, Column("f.created_at", Selected = false)] public DateTimeOffset CreatedAt { get; init; }

    private static readonly JsonSerializerOptions StageJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public FlowDetails ToDetails() => new(Id, Name, Type, IsDefault, JsonSerializer.Deserialize<StageDetails[]>(Stages, StageJson) ?? []);
}
