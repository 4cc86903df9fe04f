using System.Text;
using Dapper;

namespace LeadGrid.Application.Common;

/// <summary>
/// A query specification in Ardalis's shape whose content is SQL: conditional filters, a whitelisted ordering and a
/// page, rendered for Dapper. Only the filters actually given become WHERE clauses, so each combination gets its own
/// statement text and so its own plan (no catch-all <c>(@x IS NULL OR col = @x)</c>). Values are always parameters.
/// </summary>
public sealed class SqlSpec(params string[] sortable)
{
    private readonly List<string> _where = [];
    private readonly List<string> _orderBy = [];
    private readonly DynamicParameters _args = new();
    private PageRequest? _page;

    public SqlSpec Where(string sql, object? args = null, bool when = true)
    {
        if (!when) return this;
        _where.Add(sql);
        if (args is not null)
            foreach (var property in args.GetType().GetProperties())
                _args.Add(property.Name, property.GetValue(args));
        return this;
    }

    public SqlSpec OrderBy(string column, bool descending = false)
    {
        if (!sortable.Contains(column, StringComparer.Ordinal))
            throw new ArgumentException($"'{column}' is not a sortable column of this query.", nameof(column));
        _orderBy.Add(descending ? column + " DESC" : column);
        return this;
    }

    public PageRequest? CurrentPage => _page;

    public SqlSpec Page(PageRequest page)
    {
        _page = page;
        return this;
    }

    /// <summary><paramref name="select"/> (SELECT … FROM …) with the filters, ordering and page.</summary>
    public (string Sql, DynamicParameters Args) Build(string select) => (ListSql(select), _args);

    /// <summary>SELECT count(*) over <paramref name="from"/> with the same filters, no page.</summary>
    public (string Sql, DynamicParameters Args) BuildCount(string from) => (CountSql(from), _args);

    /// <summary>Count and page as two statements of one command: one round trip.</summary>
    public (string Sql, DynamicParameters Args) BuildPaged(string select, string countFrom) =>
        (CountSql(countFrom) + ";\n" + ListSql(select), _args);

    private string WhereSql() => _where.Count == 0 ? "" : "\nWHERE " + string.Join("\n  AND ", _where.Select(w => $"({w})"));

    private string CountSql(string from) => $"SELECT count(*) {from}{WhereSql()}";

    private string ListSql(string select)
    {
        var sql = new StringBuilder(select).Append(WhereSql());
        if (_orderBy.Count > 0) sql.Append("\nORDER BY ").AppendJoin(", ", _orderBy);
        if (_page is { } page)
        {
            sql.Append("\nLIMIT @spec_limit OFFSET @spec_offset");
            _args.Add("spec_limit", page.PerPage);
            _args.Add("spec_offset", page.Offset);
        }
        return sql.ToString();
    }
}
