using System.Collections.Concurrent;
using Ardalis.Specification;
using Dapper;
using LeadGrid.Application.Common;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// Runs a specification as one round trip: the parent's existence (when the listing hangs under one), the total by
/// the specification's <see cref="TotalRule"/>, and its page. Only the filters a specification has become WHERE
/// clauses, so each combination is its own statement with its own plan; a search plans for its actual term (a generic
/// plan cannot know that a two-letter term has no trigrams: 675 ms against 0.44 ms measured). A page is found by its
/// rows' keys alone and only its rows are then read in full: an offset skips index entries, not select lists with
/// their subqueries (page 200 of a million-row listing: 33 ms → see bench/results).
/// </summary>
internal sealed class ListReader(IDbSession session) : IListReader
{
    private static readonly ConcurrentDictionary<StatementKey, string> Statements = new();

    public async Task<ListResult<TRow>> ListAsync<TRow>(ISpecification<TRow> specification, CancellationToken ct, ParentCheck? parent = null)
        where TRow : class
    {
        var (sql, parameters, total) = Prepare(specification, parent);
        using var results = await session.Connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: ct));
        if (parent is not null && !await results.ReadSingleAsync<bool>())
            throw new NotFoundException(parent.Resource);
        var count = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<TRow>()).AsList();
        return total is CappedTotal capped && count > capped.Limit
            ? new ListResult<TRow>(items, capped.Limit, TotalExact: false)
            : new ListResult<TRow>(items, count, TotalExact: true);
    }

    /// <summary>The statement a specification runs as, and its parameters (the benchmark hands the same to pgbench).</summary>
    internal static (string Sql, DynamicParameters Parameters, TotalRule Total) Prepare<TRow>(ISpecification<TRow> specification, ParentCheck? parent)
        where TRow : class
    {
        var query = SpecificationSql.Translate(specification, "q");
        var parentQuery = parent?.Accept(ParentTranslator.Instance);
        var total = (specification as ICountedSpecification)?.Total ?? TotalRule.Exact;
        var count = total.Accept(TotalTranslator.Instance);
        // A page asked for by cursor counts the listing's filters, not what lies past the cursor: the total is the same on every page.
        var filters = count.Kind != nameof(CounterTotal<>) && SpecificationSql.HasCursor(specification)
            ? SpecificationSql.Translate(specification, "f", filtersOnly: true)
            : null;
        var key = new StatementKey(typeof(TRow), query.Template, parentQuery?.Row, parentQuery?.Query.Template, count.Kind, count.Limit,
            count.Query?.Template, filters?.Template);
        var sql = Statements.GetOrAdd(key, _ => Statement<TRow>(query.Template, parentQuery, count, filters?.Template));
        var parameters = query.Parameters;
        if (parentQuery is not null) parameters.AddDynamicParams(parentQuery.Query.Parameters);
        if (count.Query is not null) parameters.AddDynamicParams(count.Query.Parameters);
        if (filters is not null) parameters.AddDynamicParams(filters.Parameters);
        return (sql, parameters, total);
    }

    /// <summary>Templates are one instance per shape, so the key compares them by reference.</summary>
    private sealed record StatementKey(Type Row, SpecificationTemplate Query, Type? ParentRow, SpecificationTemplate? Parent, string CountKind,
        int Limit, SpecificationTemplate? Counters, SpecificationTemplate? CountedFilters);

    private static string Statement<TRow>(SpecificationTemplate query, TranslatedParent? parent, TranslatedCount count, SpecificationTemplate? countedFilters)
    {
        var countWhere = (countedFilters ?? query).Where;
        // Auto-prepared statements drift to a generic plan after five runs; one whose best plan depends on its values
        // (a search term, a set of kinds, a time window) is planned for them every time instead.
        var setup = query.PlansPerValue ? "SET LOCAL plan_cache_mode = force_custom_plan;\n" : "";
        var exists = parent is null ? "" : $"SELECT EXISTS (SELECT 1 FROM {parent.From}{parent.Query.Template.Where});\n";
        var total = count.Kind switch
        {
            // In the listing's order: the plan walks the order index (which carries the filtered columns) and stops at the
            // cap, or takes a filter's own index when few rows match; never a table scan that meets the organization's
            // rows late (a common search term: 330 ms unordered, 1–12 ms in order; bench, issue 20).
            nameof(CappedTotal) => $"SELECT count(*) FROM (SELECT 1 FROM {RowColumns<TRow>.CountFrom}{countWhere}{query.OrderBy}\nLIMIT {count.Limit + 1}) AS capped;",
            nameof(CounterTotal<>) => $"SELECT coalesce(sum({count.Sum}), 0)::bigint FROM {count.From}{count.Query!.Template.Where};",
            _ => $"SELECT count(*) FROM {RowColumns<TRow>.CountFrom}{countWhere};",
        };
        return $"{setup}{exists}{total}\n{Page<TRow>(query)}";
    }

    /// <summary>
    /// The page's rows: with a key and paging, the page's keys first (from the counting FROM, where the filters and the
    /// sort live: an index-only scan when an index covers them), then those rows in full, in the same order.
    /// </summary>
    private static string Page<TRow>(SpecificationTemplate query)
    {
        var key = RowColumns<TRow>.Key;
        if (key.Count == 0 || query.Paging.Length == 0)
            return $"SELECT {RowColumns<TRow>.SelectList}\nFROM {RowColumns<TRow>.From}{query.Where}{query.OrderBy}\n{query.Paging}";
        var keys = string.Join(", ", key.Select((k, i) => $"{k} AS k{i}"));
        var join = string.Join(" AND ", key.Select((k, i) => $"{k} = page.k{i}"));
        var from = RowColumns<TRow>.From.Contains(" JOIN ", StringComparison.OrdinalIgnoreCase) ? $"({RowColumns<TRow>.From})" : RowColumns<TRow>.From;
        return $"""
            SELECT {RowColumns<TRow>.SelectList}
            FROM (SELECT {keys} FROM {RowColumns<TRow>.CountFrom}{query.Where}{query.OrderBy}
                  {query.Paging}) AS page
            JOIN {from} ON {join}{query.OrderBy}
            """;
    }

    private sealed record TranslatedParent(SpecificationQuery Query, string From, Type Row);

    private sealed class ParentTranslator : IParentCheckVisitor<TranslatedParent>
    {
        public static readonly ParentTranslator Instance = new();

        public TranslatedParent Visit<TParent>(ParentCheck<TParent> check) where TParent : class =>
            new(SpecificationSql.Translate(check.Exists, "r"), RowColumns<TParent>.From, typeof(TParent));
    }

    private sealed record TranslatedCount(string Kind, int Limit = 0, SpecificationQuery? Query = null, string From = "", string Sum = "");

    private sealed class TotalTranslator : ITotalRuleVisitor<TranslatedCount>
    {
        public static readonly TotalTranslator Instance = new();

        public TranslatedCount Visit(ExactTotal rule) => new(nameof(ExactTotal));

        public TranslatedCount Visit(CappedTotal rule) => new(nameof(CappedTotal), rule.Limit);

        public TranslatedCount Visit<TCounter>(CounterTotal<TCounter> rule) where TCounter : class, ICounterRow =>
            new(nameof(CounterTotal<>), Query: SpecificationSql.Translate(rule.Counters, "c"), From: RowColumns<TCounter>.From,
                Sum: RowColumns<TCounter>.SqlOf(nameof(ICounterRow.N)) ?? throw new InvalidOperationException($"{typeof(TCounter).Name}.N has no [Column]."));
    }
}
