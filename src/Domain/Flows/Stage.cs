namespace LeadGrid.Domain.Flows;

/// <summary>A step of a flow. Positions are unique within their flow; the lowest is where dossiers start.</summary>
public sealed record Stage(Guid Id, string Name, int Position, int? DeadlineDays, int? WinProbability, string? Color);
