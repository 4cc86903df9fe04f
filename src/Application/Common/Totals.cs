using Ardalis.Specification;

namespace LeadGrid.Application.Common;

/// <summary>
/// SPEC §1: how a listing counts <c>meta.total</c>. Exactly and cheaply from an organization's counters where they
/// answer the filters; exactly by counting where a listing is small by nature (a parent's children, the operator's
/// listings); up to <see cref="Cap"/> matches for free-text search and the time-window filters, where a larger result
/// answers <see cref="Cap"/> with <c>total_exact: false</c>.
/// </summary>
public abstract record TotalRule
{
    public const int Cap = 1_000; // SPEC §1 (changed from 10,000 on 2026-12-05)

    public static readonly TotalRule Exact = new ExactTotal();

    public static readonly TotalRule Capped = new CappedTotal(Cap);

    /// <summary>The sum of the counters <paramref name="counters"/> selects, which must mean the listing's filters.</summary>
    public static TotalRule FromCounters<TCounter>(ISpecification<TCounter> counters) where TCounter : class, ICounterRow =>
        new CounterTotal<TCounter>(counters);

    /// <summary>Lets the reader translate the rule without knowing a counter's row type.</summary>
    public abstract TResult Accept<TResult>(ITotalRuleVisitor<TResult> visitor);
}

public sealed record ExactTotal : TotalRule
{
    public override TResult Accept<TResult>(ITotalRuleVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record CappedTotal(int Limit) : TotalRule
{
    public override TResult Accept<TResult>(ITotalRuleVisitor<TResult> visitor) => visitor.Visit(this);
}

public sealed record CounterTotal<TCounter>(ISpecification<TCounter> Counters) : TotalRule where TCounter : class, ICounterRow
{
    public override TResult Accept<TResult>(ITotalRuleVisitor<TResult> visitor) => visitor.Visit(this);
}

public interface ITotalRuleVisitor<out TResult>
{
    TResult Visit(ExactTotal rule);
    TResult Visit(CappedTotal rule);
    TResult Visit<TCounter>(CounterTotal<TCounter> rule) where TCounter : class, ICounterRow;
}

/// <summary>A row of a counter table: how many rows of its key there are (one shard of it).</summary>
public interface ICounterRow
{
    long N { get; }
}

/// <summary>A listing's specification that says how its total is counted (others count exactly).</summary>
public interface ICountedSpecification
{
    TotalRule Total { get; }
}
