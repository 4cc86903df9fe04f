using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace LeadGrid.Application.Common;

/// <summary>Where a read-model row comes from: the FROM clause with its alias, e.g. <c>contacts c</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RowSourceAttribute(string from) : Attribute
{
    public string From { get; } = from;

    /// <summary>A cheaper FROM for counting and paging, when filters and sort need none of the joins (e.g. the link table alone).</summary>
    public string? CountFrom { get; init; }

    /// <summary>
    /// The columns that identify a row (comma-separated, e.g. <c>d.id</c>): a page is found by them alone, then only
    /// its rows are read in full, so rows skipped by an offset cost an index entry, not their select list.
    /// </summary>
    public string? Key { get; init; }
}

/// <summary>
/// The SQL a member of a read-model row reads, e.g. <c>c.full_name</c>: selected under the member's name, and what a
/// specification's filter or sort on the member becomes. A column that only filters (the organization, a search
/// text) is <see cref="Selected"/> false and hidden from JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute(string sql) : Attribute
{
    public string Sql { get; } = sql;

    public bool Selected { get; init; } = true;

    /// <summary>For a searched text: the column of its indexed words, which <see cref="RowFilters.Matches"/> compares in SQL.</summary>
    public string? Words { get; init; }
}

/// <summary>The mapping of a row type, read once from its attributes: the one place each of its columns is named.</summary>
public static class RowColumns<TRow>
{
    private static readonly IReadOnlyDictionary<string, ColumnAttribute> ByMember = typeof(TRow)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (p.Name, Column: p.GetCustomAttribute<ColumnAttribute>()))
        .Where(p => p.Column is not null)
        .ToDictionary(p => p.Name, p => p.Column!, StringComparer.Ordinal);

    /// <summary>The FROM clause (with its alias).</summary>
    public static string From { get; } = typeof(TRow).GetCustomAttribute<RowSourceAttribute>()?.From
        ?? throw new InvalidOperationException($"{typeof(TRow).Name} has no [RowSource].");

    /// <summary>The FROM clause to count over (and to find a page's keys in).</summary>
    public static string CountFrom { get; } = typeof(TRow).GetCustomAttribute<RowSourceAttribute>()?.CountFrom ?? From;

    /// <summary>The key columns, or empty when the row type has none declared.</summary>
    public static IReadOnlyList<string> Key { get; } = typeof(TRow).GetCustomAttribute<RowSourceAttribute>()?.Key is { } key
        ? key.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        : [];

    /// <summary><c>sql AS Member, …</c> for every selected member, in declaration order (the representation's).</summary>
    public static string SelectList { get; } = string.Join(",\n    ", typeof(TRow)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (p.Name, Column: p.GetCustomAttribute<ColumnAttribute>()))
        .Where(p => p.Column is { Selected: true })
        .Select(p => $"{p.Column!.Sql} AS \"{p.Name}\""));

    /// <summary>The SQL of <paramref name="member"/>, or null when it has no [Column].</summary>
    public static string? SqlOf(string member) => ByMember.GetValueOrDefault(member)?.Sql;

    /// <summary>The column of <paramref name="member"/>'s indexed words (<see cref="ColumnAttribute.Words"/>), or null.</summary>
    public static string? WordsOf(string member) => ByMember.GetValueOrDefault(member)?.Words;
}

/// <summary>
/// One row of a read model by its id, within its organization where it has one (an <c>OrganizationId</c> column): the
/// statement of every Get… query, written once per row type from its columns.
/// </summary>
public static class RowById
{
    public static async Task<TRow> GetAsync<TRow>(this IDbSession session, Guid? organizationId, Guid id, string resource, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition(Statement<TRow>.Sql,
            new Arguments(organizationId, id), session.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException(resource);

    private sealed record Arguments(Guid? OrganizationId, Guid Id);

    private static class Statement<TRow>
    {
        public static readonly string Sql =
            $"SELECT {RowColumns<TRow>.SelectList}\nFROM {RowColumns<TRow>.From} WHERE " +
            (RowColumns<TRow>.SqlOf(nameof(Arguments.OrganizationId)) is { } org ? $"{org} = @OrganizationId AND " : "") +
            $"{RowColumns<TRow>.SqlOf(nameof(Arguments.Id))} = @Id";
    }
}

/// <summary>
/// Filters with a meaning in SQL and in memory alike, for specifications over rows (the translator knows each by its
/// method; in memory they run as written).
/// </summary>
public static class RowFilters
{
    /// <summary>
    /// SPEC §5 search: every word of <paramref name="term"/> is the start of a word of the row's search text, case- and
    /// accent-insensitive. In SQL the row's words are a GIN-indexed tsvector and the term a prefix tsquery
    /// (M0012_WordPrefixSearch and M0013_SearchWordsCovered state the same rule): a word lies between white space, the
    /// unit separator, <c>, ; : / ( ) " ! ? &amp;</c> or <c>@ . _ + ' ’ -</c> (an e-mail address's parts, a double
    /// name's halves), in the text and in the term alike.
    /// </summary>
    public static bool Matches(string searchText, string term)
    {
        var words = Parts(searchText).ToHashSet();
        var wanted = Parts(term).ToArray(); // "example.com": its parts, as in the text
        return wanted.Length > 0 && wanted.All(prefix => words.Any(w => w.StartsWith(prefix, StringComparison.Ordinal)));
    }

    /// <summary>What is matched: the folded text cut at both kinds of separator (<c>leadgrid_words</c>, <c>leadgrid_search_query</c>).</summary>
    private static IEnumerable<string> Parts(string text) => AllSeparators.Split(Fold(text)).Where(w => w.Length > 0);

    /// <summary>The words of a search term as a client counts them (between white space and punctuation), folded.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        [.. WordSeparators.Split(Fold(text)).Where(w => w.Length > 0)];

    private static readonly Regex WordSeparators = new(@"[\s\x1f,;:/()""!?&]+", RegexOptions.Compiled);
    private static readonly Regex AllSeparators = new(@"[\s\x1f,;:/()""!?&@._+'’-]+", RegexOptions.Compiled);

    /// <summary>
    /// Lower-cased, then PostgreSQL's <c>unaccent</c> rules for U+00C0–U+024F (read from it, lower-case letters only) and
    /// combining marks dropped: what <c>leadgrid_fold</c> does, for the in-memory side (invariant globalization has no
    /// Unicode decomposition).
    /// </summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (Accented.IndexOf(c) is >= 0 and var i) folded.Append(Unaccented[i]);
            else if (Ligatures.TryGetValue(c, out var plain)) folded.Append(plain);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(c);
        }
        return folded.ToString();
    }

    private const string Accented = "×àáâãäåçèéêëìíîïðñòóôõö÷øùúûüýÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĸĺļľŀłńņňŋōŏőŕŗřśŝşšţťŧũūŭůűųŵŷźżžſƀƃƈƌƒƙƚƞơƥƫƭưƴƶǎǐǒǔǖǘǚǜǟǡǥǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȡȥȧȩȫȭȯȱȳȴȵȶȷȼȿɀɇɉɍɏ";
    private const string Unaccented = "*aaaaaaceeeeiiiidnooooo/ouuuuyyaaaccccddeeeeegggghhiiiiijkqlllllnnnnooorrrsssstttuuuuuuwyzzzsbbcdfklnopttuyzaiouuuuuaaggkoojgnaaaeeiioorruusthdzaeooooylntjcszejry";
    private static readonly Dictionary<char, string> Ligatures = new() { ['ß'] = "ss", ['æ'] = "ae", ['þ'] = "th", ['ĳ'] = "ij", ['ŉ'] = "'n", ['œ'] = "oe", ['ƕ'] = "hv", ['ƣ'] = "oi", ['ǆ'] = "dz", ['ǉ'] = "lj", ['ǌ'] = "nj", ['ǳ'] = "dz", ['ȸ'] = "db", ['ȹ'] = "qp" };

    /// <summary>
    /// Whether a row sorts before a cursor's row in (created_at, id) order: a row comparison in SQL, which an index on
    /// (…, created_at, id) serves as a range. Ids compare as PostgreSQL's uuids do (Guid.CompareTo is the same byte order).
    /// </summary>
    public static bool Before(DateTimeOffset createdAt, Guid id, DateTimeOffset cursorCreatedAt, Guid cursorId) =>
        createdAt < cursorCreatedAt || (createdAt == cursorCreatedAt && id.CompareTo(cursorId) < 0);

    /// <summary>Whether a row sorts after a cursor's row in (created_at, id) order (see <see cref="Before"/>).</summary>
    public static bool After(DateTimeOffset createdAt, Guid id, DateTimeOffset cursorCreatedAt, Guid cursorId) =>
        createdAt > cursorCreatedAt || (createdAt == cursorCreatedAt && id.CompareTo(cursorId) > 0);

    /// <summary>Whether the row's values and <paramref name="any"/> share one: <c>&amp;&amp;</c> on arrays in SQL.</summary>
    public static bool Overlaps(IEnumerable<string> values, string[] any) => values.Any(any.Contains);
}
