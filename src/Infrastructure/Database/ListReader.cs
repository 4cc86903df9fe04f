using System.Collections.Concurrent;
using Ardalis.Specification;
using Dapper;
using LeadGrid.Application.Common;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// Runs a specification as one round trip: the parent's existence (when the listing hangs under one), the count of
/// every row its filters match, and its page. Only the filters a specification has become WHERE clauses, so each
/// combination is its own statement with its own plan; a search plans for its actual term (a generic plan cannot know
/// that a two-letter term has no trigrams: 675 ms against 0.44 ms measured).
/// </summary>
internal sealed class ListReader(IDbSession session) : IListReader
{
    private static readonly ConcurrentDictionary<(SpecificationTemplate Query, SpecificationTemplate? Parent, Type Row, Type? ParentRow), string> Statements = new();

    public async Task<(IReadOnlyList<TRow> Items, long Total)> ListAsync<TRow>(ISpecification<TRow> specification, CancellationToken ct,
        ParentCheck? parent = null) where TRow : class
    {
        var query = SpecificationSql.Translate(specification, "q");
        var parentQuery = parent?.Accept(ParentTranslator.Instance);
        var sql = Statements.GetOrAdd((query.Template, parentQuery?.Query.Template, typeof(TRow), parentQuery?.Row),
            _ => Statement<TRow>(query.Template, parentQuery));
        var parameters = query.Parameters;
        if (parentQuery is not null) parameters.AddDynamicParams(parentQuery.Query.Parameters);

        using var results = await session.Connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: ct));
        if (parent is not null && !await results.ReadSingleAsync<bool>())
            throw new NotFoundException(parent.Resource);
        var total = await results.ReadSingleAsync<long>();
        return ((await results.ReadAsync<TRow>()).AsList(), total);
    }

    private static string Statement<TRow>(SpecificationTemplate query, TranslatedParent? parent)
    {
        var setup = query.UsesSearch ? "SET LOCAL plan_cache_mode = force_custom_plan;\n" : "";
        var exists = parent is null ? "" : $"SELECT EXISTS (SELECT 1 FROM {parent.From}{parent.Query.Template.Where});\n";
        return $"""
            {setup}{exists}SELECT count(*) FROM {RowColumns<TRow>.CountFrom}{query.Where};
            SELECT {RowColumns<TRow>.SelectList}
            FROM {RowColumns<TRow>.From}{query.Where}{query.OrderBy}
            {query.Paging}
            """;
    }

    private sealed record TranslatedParent(SpecificationQuery Query, string From, Type Row);

    private sealed class ParentTranslator : IParentCheckVisitor<TranslatedParent>
    {
        public static readonly ParentTranslator Instance = new();

        public TranslatedParent Visit<TParent>(ParentCheck<TParent> check) where TParent : class =>
            new(SpecificationSql.Translate(check.Exists, "r"), RowColumns<TParent>.From, typeof(TParent));
    }
}
