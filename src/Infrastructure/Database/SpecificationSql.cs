using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Ardalis.Specification;
using Dapper;
using LeadGrid.Application.Common;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// A specification's WHERE, ORDER BY and paging as SQL: the statement text of its shape (cached) and this instance's
/// parameters. Literal constants written in a filter are part of the shape and become SQL literals (so a partial
/// index whose predicate names them still matches under a generic plan); values a filter captures become parameters.
/// </summary>
internal sealed record SpecificationQuery(SpecificationTemplate Template, DynamicParameters Parameters);

/// <summary>
/// The statement pieces of one shape; <see cref="Where"/> and <see cref="OrderBy"/> are empty or start with their keyword.
/// <see cref="Transforms"/> has one slot per captured value, in the order they are found: how the value becomes its
/// parameter, or null when the statement needs no parameter for it (a null compared with a column became IS NULL).
/// One instance per shape, so its identity is the shape's (a class, compared by reference: a cache keyed on it pays no
/// string comparisons).
/// </summary>
internal sealed class SpecificationTemplate(string where, string orderBy, string paging, bool plansPerValue,
    IReadOnlyList<Func<object?, object?>?> transforms)
{
    public string Where { get; } = where;
    public string OrderBy { get; } = orderBy;
    public string Paging { get; } = paging;
    /// <summary>
    /// Whether the best plan depends on the values, not just on which filters there are: a search term (its trigrams),
    /// a set of kinds, a time window. Such a statement must be planned for its values, never by a generic plan.
    /// </summary>
    public bool PlansPerValue { get; } = plansPerValue;
    public IReadOnlyList<Func<object?, object?>?> Transforms { get; } = transforms;
}

/// <summary>
/// Translates Ardalis specifications over read-model rows (their columns from <see cref="RowColumns{TRow}"/>) into SQL.
/// The shapes it knows: comparisons of a row member with a captured value or a literal, null checks, <c>&amp;&amp;</c>,
/// <c>||</c>, <c>!</c>, membership (<c>values.Contains(row.X)</c>), <see cref="RowFilters.Matches"/> and
/// <see cref="RowFilters.Overlaps"/>, ordering by members, Skip/Take. Anything else throws with the shape in the
/// message. Semantics follow C#'s: a comparison with a null column is false, and its negation true.
/// </summary>
internal static class SpecificationSql
{
    private static readonly ConcurrentDictionary<ShapeKey, SpecificationTemplate> Templates = new();

    /// <param name="filtersOnly">
    /// Only the filters, without a cursor's position (<see cref="RowFilters.Before"/>/<see cref="RowFilters.After"/>):
    /// what a listing's total counts, which is the same on every page.
    /// </param>
    public static SpecificationQuery Translate<TRow>(ISpecification<TRow> specification, string prefix, bool filtersOnly = false)
    {
        var wheres = filtersOnly ? specification.WhereExpressions.Where(w => !IsCursor(w.Filter)).ToArray() : specification.WhereExpressions.ToArray();
        var values = new List<object?>();
        foreach (var where in wheres)
            Captured.Collect(where.Filter.Body, where.Filter.Parameters[0], values);
        // Which captured values are null is part of the shape: C#'s `x == null` is true for a null column, SQL's `= NULL` never.
        var nulls = NullMask(values);
        var key = new ShapeKey(typeof(TRow), prefix, wheres.Select(w => (Expression)w.Filter).ToArray(),
            specification.OrderExpressions.Select(o => ((Expression)o.KeySelector, o.OrderType)).ToArray(),
            specification.Skip >= 0, specification.Take >= 0, nulls);
        var template = Templates.GetOrAdd(key, _ => Build<TRow>(specification, wheres, prefix, nulls));

        var parameters = new DynamicParameters();
        for (var i = 0; i < values.Count; i++)
            if (template.Transforms[i] is { } transform)
                parameters.Add(prefix + i.ToString(CultureInfo.InvariantCulture), Captured.Normalize(transform(values[i])));
        if (specification.Skip >= 0) parameters.Add(prefix + "skip", specification.Skip);
        if (specification.Take >= 0) parameters.Add(prefix + "take", specification.Take);
        return new SpecificationQuery(template, parameters);
    }

    private static ulong NullMask(List<object?> values)
    {
        var mask = 0UL;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not null) continue;
            if (i >= 64) throw new NotSupportedException("A specification with more than 64 captured values cannot capture a null past the 64th.");
            mask |= 1UL << i;
        }
        return mask;
    }

    /// <summary>Whether a filter is a cursor's position rather than a filter of the listing.</summary>
    public static bool HasCursor<TRow>(ISpecification<TRow> specification) => specification.WhereExpressions.Any(w => IsCursor(w.Filter));

    private static bool IsCursor(LambdaExpression filter) =>
        filter.Body is MethodCallExpression { Method.Name: nameof(RowFilters.Before) or nameof(RowFilters.After) } call
        && call.Method.DeclaringType == typeof(RowFilters);

    private static SpecificationTemplate Build<TRow>(ISpecification<TRow> specification, IReadOnlyList<WhereExpressionInfo<TRow>> wheres, string prefix, ulong nulls)
    {
        var builder = new SqlBuilder<TRow>(prefix, nulls);
        var filters = wheres.Select(w => builder.Predicate(w.Filter.Body, w.Filter.Parameters[0])).ToArray();
        var orders = specification.OrderExpressions.Select(o => builder.Column(Strip(o.KeySelector.Body), o.KeySelector.Parameters[0])
            + (o.OrderType is OrderTypeEnum.OrderByDescending or OrderTypeEnum.ThenByDescending ? " DESC" : "")).ToArray();
        var paging = (specification.Take >= 0 ? $"\nLIMIT @{prefix}take" : "") + (specification.Skip >= 0 ? $" OFFSET @{prefix}skip" : "");
        return new SpecificationTemplate(
            filters.Length == 0 ? "" : "\nWHERE " + string.Join("\n  AND ", filters.Select(f => $"({f})")),
            orders.Length == 0 ? "" : "\nORDER BY " + string.Join(", ", orders),
            paging.TrimStart(' '), builder.PlansPerValue, builder.Transforms);
    }

    private static Expression Strip(Expression e) => e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u ? Strip(u.Operand) : e;

    /// <summary>Writes SQL for one shape; counts and names the parameters in the order <see cref="Captured.Collect"/> finds them.</summary>
    private sealed class SqlBuilder<TRow>(string prefix, ulong nulls)
    {
        private static readonly NullabilityInfoContext Nullability = new();

        public List<Func<object?, object?>?> Transforms { get; } = [];
        public bool PlansPerValue { get; private set; }

        public string Predicate(Expression e, ParameterExpression row)
        {
            switch (e)
            {
                case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                    return $"({Predicate(and.Left, row)}) AND ({Predicate(and.Right, row)})";
                case BinaryExpression { NodeType: ExpressionType.OrElse } or:
                    return $"({Predicate(or.Left, row)}) OR ({Predicate(or.Right, row)})";
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    // C#: a comparison with a null column is false, so its negation is true; SQL's NOT NULL is NULL.
                    return $"({Predicate(not.Operand, row)}) IS NOT TRUE";
                case BinaryExpression binary when Comparison(binary.NodeType) is { } op:
                    return Compare(binary, op, row);
                case MethodCallExpression call:
                    return Call(call, row);
                case MemberExpression member when IsRow(member, row) && member.Type == typeof(bool):
                    return Column(member, row);
                case ConstantExpression { Value: bool literal }:
                    return literal ? "TRUE" : "FALSE";
                default:
                    throw Unsupported(e);
            }
        }

        public string Column(Expression e, ParameterExpression row) => Strip(e) switch
        {
            MemberExpression member when member.Expression == row =>
                RowColumns<TRow>.SqlOf(member.Member.Name)
                ?? throw new NotSupportedException($"{typeof(TRow).Name}.{member.Member.Name} has no [Column], so a specification cannot filter or sort on it."),
            var other => throw Unsupported(other),
        };

        private static string Words(Expression e, ParameterExpression row) => Strip(e) switch
        {
            MemberExpression member when member.Expression == row =>
                RowColumns<TRow>.WordsOf(member.Member.Name)
                ?? throw new NotSupportedException($"{typeof(TRow).Name}.{member.Member.Name} declares no [Column(Words = …)], so it cannot be searched."),
            var other => throw Unsupported(other),
        };

        private string Compare(BinaryExpression binary, string op, ParameterExpression row)
        {
            var (column, value) = IsRow(binary.Left, row) ? (binary.Left, binary.Right) : (binary.Right, binary.Left);
            if (!IsRow(column, row)) throw Unsupported(binary);
            if (ReferenceEquals(column, binary.Right)) op = Mirror(op);
            if (Strip(value) is ConstantExpression { Value: null })
                return op switch
                {
                    "=" => $"{Column(column, row)} IS NULL",
                    "<>" => $"{Column(column, row)} IS NOT NULL",
                    _ => throw Unsupported(binary),
                };
            if (Strip(value) is not ConstantExpression && NextCapturedIsNull)
            {
                Transforms.Add(null);
                return op switch
                {
                    "=" => $"{Column(column, row)} IS NULL",
                    "<>" => $"{Column(column, row)} IS NOT NULL",
                    _ => "FALSE", // C#: an ordering comparison with null is false
                };
            }
            // C#: null != value is true; SQL's col <> value is NULL for a null column.
            if (op == "<>" && IsNullable(column))
                op = "IS DISTINCT FROM";
            if (op is "<" or "<=" or ">" or ">=")
                PlansPerValue = true; // a window's width decides between indexes
            return $"{Column(column, row)} {op} {Value(value, row)}";
        }

        private string Call(MethodCallExpression call, ParameterExpression row)
        {
            if (call.Method.DeclaringType == typeof(RowFilters) && call.Method.Name is nameof(RowFilters.Before) or nameof(RowFilters.After))
            {
                // (created_at, id) < (@a, @b): one range over an index ending in (created_at, id), in either direction.
                var op = call.Method.Name == nameof(RowFilters.Before) ? "<" : ">";
                return $"({Column(call.Arguments[0], row)}, {Column(call.Arguments[1], row)}) {op} ({Value(call.Arguments[2], row, v => v)}, {Value(call.Arguments[3], row, v => v)})";
            }
            if (call.Method.DeclaringType == typeof(RowFilters))
            {
                var column = Column(call.Arguments[0], row);
                switch (call.Method.Name)
                {
                    case nameof(RowFilters.Matches):
                        PlansPerValue = true;
                        // The stored, GIN-indexed words of the row's search text against every word of the term as a prefix
                        // (M0012_WordPrefixSearch).
                        return $"{Words(call.Arguments[0], row)} @@ leadgrid_search_query({Value(call.Arguments[1], row, v => v)})";
                    case nameof(RowFilters.Overlaps):
                        PlansPerValue = true;
                        return $"{column} && {Value(call.Arguments[1], row, v => v)}";
                }
            }
            if (call.Method.Name == nameof(Enumerable.Contains) && Membership(call) is var (values, item) && IsRow(item, row))
                return $"{Column(item, row)} = ANY ({Value(values, row)})";
            throw Unsupported(call);
        }

        private string Value(Expression e, ParameterExpression row, Func<object?, object?>? transform = null)
        {
            if (Captured.References(e, row)) throw Unsupported(e);
            if (Strip(e) is ConstantExpression constant && transform is null)
                return Literal(constant.Value);
            Transforms.Add(transform ?? (v => v));
            return "@" + prefix + (Transforms.Count - 1).ToString(CultureInfo.InvariantCulture);
        }

        private bool NextCapturedIsNull => Transforms.Count < 64 && (nulls & (1UL << Transforms.Count)) != 0;

        private static bool IsRow(Expression e, ParameterExpression row) => Strip(e) is MemberExpression m && m.Expression == row;

        private static bool IsNullable(Expression column)
        {
            var member = (MemberExpression)Strip(column);
            if (Nullable.GetUnderlyingType(member.Type) is not null) return true;
            return !member.Type.IsValueType && member.Member is PropertyInfo property
                   && Nullability.Create(property).ReadState != NullabilityState.NotNull;
        }

        private static string Literal(object? value) => value switch
        {
            null => "NULL",
            string s => "'" + s.Replace("'", "''") + "'",
            bool b => b ? "TRUE" : "FALSE",
            int or long or short or decimal or double => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            _ => throw new NotSupportedException($"A literal {value.GetType().Name} cannot be written into SQL; capture it in a variable."),
        };

        private static string? Comparison(ExpressionType type) => type switch
        {
            ExpressionType.Equal => "=",
            ExpressionType.NotEqual => "<>",
            ExpressionType.LessThan => "<",
            ExpressionType.LessThanOrEqual => "<=",
            ExpressionType.GreaterThan => ">",
            ExpressionType.GreaterThanOrEqual => ">=",
            _ => null,
        };

        private static string Mirror(string op) => op switch { "<" => ">", "<=" => ">=", ">" => "<", ">=" => "<=", _ => op };

    }

    /// <summary><c>values.Contains(item)</c> in its three spellings: Enumerable's, an instance method, and (C# 14) a span's.</summary>
    internal static (Expression Values, Expression Item)? Membership(MethodCallExpression call) => call switch
    {
        { Object: null, Arguments: [var values, var item] } => (StripSpan(values), item),
        { Object: { } values, Arguments: [var item] } => (values, item),
        _ => null,
    };

    private static Expression StripSpan(Expression e) =>
        e is MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var array] } ? array : Strip(e);

    private static NotSupportedException Unsupported(Expression e) =>
        new($"A specification's filter has a shape the SQL translator does not know: {e.NodeType} `{e}`. " +
            "Known: comparisons of a row member with a captured value or a literal, null checks, &&, ||, !, " +
            "values.Contains(row.Member), RowFilters.Matches and RowFilters.Overlaps.");

    /// <summary>
    /// Captured values: found in the same order as the builder names parameters. Read before the statement is built (the
    /// nulls among them are part of the shape), so an unknown shape passes here and the builder refuses it by name.
    /// </summary>
    private static class Captured
    {
        public static void Collect(Expression e, ParameterExpression row, List<object?> values)
        {
            switch (e)
            {
                case BinaryExpression { NodeType: ExpressionType.AndAlso or ExpressionType.OrElse } logical:
                    Collect(logical.Left, row, values);
                    Collect(logical.Right, row, values);
                    return;
                case UnaryExpression { NodeType: ExpressionType.Not } not:
                    Collect(not.Operand, row, values);
                    return;
                case BinaryExpression binary:
                    AddValue(References(binary.Left, row) ? binary.Right : binary.Left, row, values);
                    return;
                case MethodCallExpression { Arguments: [_, _, var at, var id] } call when call.Method.DeclaringType == typeof(RowFilters):
                    values.Add(Evaluate(at));
                    values.Add(Evaluate(id));
                    return;
                case MethodCallExpression { Arguments: [_, var term] } call when call.Method.DeclaringType == typeof(RowFilters):
                    // Always a parameter, a literal too: its value is transformed (escaped) on the way.
                    if (!References(term, row)) values.Add(Evaluate(term));
                    return;
                case MethodCallExpression call when Membership(call) is var (set, _):
                    AddValue(set, row, values);
                    return;
            }
        }

        /// <summary>A shape the builder refuses (a row member where a value belongs) is left for it to name.</summary>
        private static void AddValue(Expression value, ParameterExpression row, List<object?> values)
        {
            if (Strip(value) is not ConstantExpression && !References(value, row)) values.Add(Evaluate(value));
        }

        public static bool References(Expression e, ParameterExpression row) => e switch
        {
            null => false,
            ParameterExpression p => p == row,
            MemberExpression m => References(m.Expression!, row),
            UnaryExpression u => References(u.Operand, row),
            BinaryExpression b => References(b.Left, row) || References(b.Right, row),
            MethodCallExpression c => (c.Object is not null && References(c.Object, row)) || c.Arguments.Any(a => References(a, row)),
            _ => false,
        };

        /// <summary>A captured value: a field or property chain over a closure (or a static), possibly converted.</summary>
        public static object? Evaluate(Expression e) => e switch
        {
            ConstantExpression c => c.Value,
            MemberExpression { Member: FieldInfo field } m => field.GetValue(m.Expression is null ? null : Evaluate(m.Expression)),
            MemberExpression { Member: PropertyInfo property } m => property.GetValue(m.Expression is null ? null : Evaluate(m.Expression)),
            UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u => Evaluate(u.Operand),
            MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var inner] } => Evaluate(inner),
            _ => throw new NotSupportedException($"A specification captures `{e}`; capture a variable or field instead."),
        };

        /// <summary>Collections as arrays (what Npgsql sends as PostgreSQL arrays); timestamps in UTC.</summary>
        public static object? Normalize(object? value) => value switch
        {
            string or null => value,
            DateTimeOffset at => at.ToUniversalTime(),
            Array => value,
            IEnumerable<string> strings => strings.ToArray(),
            IEnumerable<Guid> ids => ids.ToArray(),
            IEnumerable => throw new NotSupportedException($"A captured {value.GetType().Name} cannot be sent as a parameter."),
            _ => value,
        };
    }

    /// <summary>
    /// What makes two specifications the same statement: the row type, the filters and orders as trees in which captured
    /// values count only by type (and whether they are null) and literals by value, and whether Skip and Take are set.
    /// </summary>
    private sealed class ShapeKey(Type row, string prefix, Expression[] filters, (Expression Key, OrderTypeEnum Type)[] orders, bool skip, bool take,
        ulong nulls) : IEquatable<ShapeKey>
    {
        private readonly int _hash = Hash(row, prefix, filters, orders, skip, take, nulls);

        public bool Equals(ShapeKey? other) =>
            other is not null && _hash == other._hash && row == other.Row && prefix == other.Prefix && skip == other.Skip
            && take == other.Take && nulls == other.Nulls && filters.Length == other.Filters.Length && orders.Length == other.Orders.Length
            && filters.Zip(other.Filters).All(p => Same(p.First, p.Second))
            && orders.Zip(other.Orders).All(p => p.First.Type == p.Second.Type && Same(p.First.Key, p.Second.Key));

        private Type Row => row;
        private string Prefix => prefix;
        private Expression[] Filters => filters;
        private (Expression Key, OrderTypeEnum Type)[] Orders => orders;
        private bool Skip => skip;
        private bool Take => take;
        private ulong Nulls => nulls;

        public override bool Equals(object? obj) => Equals(obj as ShapeKey);

        public override int GetHashCode() => _hash;

        private static int Hash(Type row, string prefix, Expression[] filters, (Expression Key, OrderTypeEnum Type)[] orders, bool skip, bool take,
            ulong nulls)
        {
            var hash = new HashCode();
            hash.Add(nulls);
            hash.Add(row);
            hash.Add(prefix);
            hash.Add(skip);
            hash.Add(take);
            foreach (var filter in filters) Add(ref hash, filter);
            foreach (var (key, type) in orders)
            {
                hash.Add(type);
                Add(ref hash, key);
            }
            return hash.ToHashCode();
        }

        private static void Add(ref HashCode hash, Expression? e)
        {
            if (e is null) return;
            hash.Add(e.NodeType);
            hash.Add(e.Type);
            switch (e)
            {
                case LambdaExpression lambda:
                    Add(ref hash, lambda.Body);
                    break;
                case BinaryExpression b:
                    Add(ref hash, b.Left);
                    Add(ref hash, b.Right);
                    break;
                case UnaryExpression u:
                    Add(ref hash, u.Operand);
                    break;
                case MemberExpression m when m.Expression is ParameterExpression:
                    hash.Add(m.Member);
                    break;
                case MethodCallExpression c:
                    hash.Add(c.Method);
                    Add(ref hash, c.Object);
                    foreach (var a in c.Arguments) Add(ref hash, a);
                    break;
                case ConstantExpression c when IsLiteral(c):
                    hash.Add(c.Value);
                    break;
            }
        }

        /// <summary>Structural equality; captured subtrees (member chains over closures) match on their type alone.</summary>
        private static bool Same(Expression? a, Expression? b)
        {
            if (a is null || b is null) return a is null && b is null;
            if (a.NodeType != b.NodeType || a.Type != b.Type) return false;
            return (a, b) switch
            {
                (LambdaExpression x, LambdaExpression y) => Same(x.Body, y.Body),
                (BinaryExpression x, BinaryExpression y) => x.Method == y.Method && Same(x.Left, y.Left) && Same(x.Right, y.Right),
                (UnaryExpression x, UnaryExpression y) => x.Method == y.Method && Same(x.Operand, y.Operand),
                (MemberExpression x, MemberExpression y) => x.Expression is ParameterExpression || y.Expression is ParameterExpression
                    ? x.Member == y.Member && x.Expression?.NodeType == y.Expression?.NodeType
                    : true, // a captured value: its type was compared above
                (MethodCallExpression x, MethodCallExpression y) => x.Method == y.Method && Same(x.Object, y.Object)
                    && x.Arguments.Count == y.Arguments.Count && x.Arguments.Zip(y.Arguments).All(p => Same(p.First, p.Second)),
                (ConstantExpression x, ConstantExpression y) => !IsLiteral(x) || Equals(x.Value, y.Value),
                (ParameterExpression, ParameterExpression) => true,
                _ => false,
            };
        }

        /// <summary>A constant written in the filter (not a closure object holding captured variables).</summary>
        private static bool IsLiteral(ConstantExpression c) =>
            c.Value is null or string or bool or int or long or short or decimal or double;
    }
}
