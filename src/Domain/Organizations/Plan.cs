namespace LeadGrid.Domain.Organizations;

[System.ComponentModel.Description("An organization's plan; the API needs growth.")]
public enum Plan
{
    Free,
    Pro,
    Growth,
}

public static class Plans
{
    /// <summary>The public API is part of the growth plan only (SPEC §2, 402 plan_required).</summary>
    public static bool IncludesApi(this Plan plan) => plan == Plan.Growth;
}
