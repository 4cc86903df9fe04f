namespace LeadGrid.Application.Common;

/// <summary>A page of a list (SPEC §1): page ≥ 1, per_page 1..100.</summary>
public readonly record struct PageRequest(int Page, int PerPage)
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 100;

    public static readonly PageRequest Default = new(1, DefaultPerPage);

    public long Offset => (long)(Page - 1) * PerPage;
}

/// <summary>One page of results and the count of every match of the filters (or the cap, when not exact: SPEC §1).</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, long Total, int Page, int PerPage, bool TotalExact = true);
