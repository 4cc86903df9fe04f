using LeadGrid.Domain.Common;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Domain.Flows;

/// <summary>A pipeline of ordered stages for one dossier type.</summary>
public sealed class Flow : AggregateRoot
{
    private readonly Stage[] _stages;

    private Flow(Guid id, Guid organizationId, string name, DossierType type, bool isDefault, IEnumerable<Stage> stages,
        DateTimeOffset createdAt)
    {
        _stages = stages.OrderBy(s => s.Position).ToArray();
        if (_stages.Length == 0)
            throw DomainException.Invalid(null, "A flow needs at least one stage.");
        if (_stages.Select(s => s.Position).Distinct().Count() != _stages.Length)
            throw DomainException.Invalid(null, "Stage positions must be unique within a flow.");
        Id = id;
        OrganizationId = organizationId;
        Name = name;
        Type = type;
        IsDefault = isDefault;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public string Name { get; }
    public DossierType Type { get; }
    public bool IsDefault { get; }
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Stages by position.</summary>
    public IReadOnlyList<Stage> Stages => _stages;

    /// <summary>Where a new dossier starts: the stage with the lowest position.</summary>
    public Stage FirstStage => _stages[0];

    public static Flow Restore(Guid id, Guid organizationId, string name, DossierType type, bool isDefault,
        IEnumerable<Stage> stages, DateTimeOffset createdAt) =>
        new(id, organizationId, name, type, isDefault, stages, createdAt);

    /// <summary>The flow every organization starts with for a dossier type (SPEC §7).</summary>
    public static Flow CreateDefault(Guid organizationId, DossierType type, DateTimeOffset now)
    {
        var template = type == DossierType.Sales ? SalesTemplate : CandidateTemplate;
        var stages = template.Select((s, i) =>
            new Stage(Guid.CreateVersion7(now), s.Name, i + 1, s.DeadlineDays, s.WinProbability, s.Color));
        var name = type == DossierType.Sales ? "Sales Flow" : "Candidate Flow";
        return new Flow(Guid.CreateVersion7(now), organizationId, name, type, isDefault: true, stages, now);
    }

    private static readonly (string Name, int? DeadlineDays, int? WinProbability, string Color)[] SalesTemplate =
    [
        ("Lead", 3, 14, "#FF5C35"),
        ("Discovery", 5, 29, "#22C55E"),
        ("Proposal", 7, 43, "#3B82F6"),
        ("Negotiation", 10, 57, "#A855F7"),
        ("Contract sent", 7, 71, "#F59E0B"),
        ("Verbal yes", 5, 86, "#14B8A6"),
    ];

    private static readonly (string Name, int? DeadlineDays, int? WinProbability, string Color)[] CandidateTemplate =
    [
        ("Sourced", 3, 10, "#94A3B8"),
        ("Screening", 5, 25, "#3B82F6"),
        ("First interview", 7, 40, "#6366F1"),
        ("Second interview", 7, 55, "#A855F7"),
        ("Assessment", 7, 70, "#F59E0B"),
        ("Offer", 5, 85, "#22C55E"),
    ];
}
