using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Organizations;

public enum Plan
{
    Free,
    Pro,
    Growth,
}

public static class Plans
{
    public static readonly IReadOnlyList<string> Names = ["free", "pro", "growth"];

    public static string ToName(this Plan plan) => plan switch
    {
        Plan.Free => "free",
        Plan.Pro => "pro",
        Plan.Growth => "growth",
        _ => throw new ArgumentOutOfRangeException(nameof(plan)),
    };

    public static Plan Parse(string? name) => name switch
    {
        "free" => Plan.Free,
        "pro" => Plan.Pro,
        "growth" => Plan.Growth,
        _ => throw DomainException.Invalid(nameof(Plan), "must be one of: free, pro, growth."),
    };

    /// <summary>The public API is part of the growth plan only (SPEC §2, 402 plan_required).</summary>
    public static bool IncludesApi(this Plan plan) => plan == Plan.Growth;
}
