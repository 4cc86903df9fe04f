namespace LeadGrid.Application.Flows;

/// <summary>SPEC §7: a stage as the API shows it.</summary>
public sealed record StageDetails(Guid Id, string Name, int Position, int? DeadlineDays, int? WinProbability, string? Color);

/// <summary>SPEC §7: a flow with its stages by position.</summary>
public sealed record FlowDetails(Guid Id, string Name, string Type, bool IsDefault, IReadOnlyList<StageDetails> Stages);
