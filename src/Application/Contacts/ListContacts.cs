using System.Text;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>
/// GET /contacts: <c>kind</c> any-of, <c>pool</c> (in_pool | expired), <c>search</c> (case-insensitive substring of
/// full_name, email, company or role), newest first, with the exact total.
/// </summary>
public sealed record ListContacts(Guid OrganizationId, IReadOnlyList<string> Kinds, string? Pool, string? Search, PageRequest Page)
    : IRequest<Paged<ContactDetails>>
{
    public const string InPool = "in_pool";
    public const string Expired = "expired";
}

internal sealed class ListContactsHandler(IDbSession session, TimeProvider clock) : IRequestHandler<ListContacts, Paged<ContactDetails>>
{
    public async Task<Paged<ContactDetails>> Handle(ListContacts query, CancellationToken ct)
    {
        var search = query.Search?.Replace("\u001f", "").Trim();
        var hasSearch = !string.IsNullOrEmpty(search);
        var now = clock.GetUtcNow();
        var spec = new SqlSpec("c.created_at", "c.id")
            .Where("c.org_id = @org", new { org = query.OrganizationId })
            .Where("c.kinds && @kinds", new { kinds = query.Kinds.ToArray() }, when: query.Kinds.Count > 0)
            .Where("c.pool_until > @now", new { now }, when: query.Pool == ListContacts.InPool)
            .Where("c.pool_until <= @now", new { now }, when: query.Pool == ListContacts.Expired)
            // Lower-cased with the same ICU collation as the generated column, then back to the column's collation:
            // a LIKE under another collation than the index's cannot use the trigram index. % _ \ are escaped.
            .Where("""c.search_text LIKE (('%' || lower(@search COLLATE "und-x-icu") || '%') COLLATE "default")""",
                new { search = hasSearch ? EscapeLike(search!) : null }, when: hasSearch)
            .OrderBy("c.created_at", descending: true).OrderBy("c.id", descending: true)
            .Page(query.Page);

        // Auto-prepared statements drift to a generic plan after five runs, and a generic plan cannot know that a
        // two-letter term has no trigrams (measured: 675 ms generic against 0.44 ms custom). Searches therefore plan
        // for their actual term; SET LOCAL lasts only for this command's implicit transaction.
        return await session.QueryPageAsync<ContactDetails>(spec, $"SELECT {ContactDetails.Columns}\nFROM contacts c", "FROM contacts c", ct,
            setup: hasSearch ? "SET LOCAL plan_cache_mode = force_custom_plan" : null);
    }

    private static string EscapeLike(string term)
    {
        var escaped = new StringBuilder(term.Length + 4);
        foreach (var ch in term)
        {
            if (ch is '\\' or '%' or '_') escaped.Append('\\');
            escaped.Append(ch);
        }
        return escaped.ToString();
    }
}
