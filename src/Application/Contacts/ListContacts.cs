using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Contacts;
using MediatR;

namespace LeadGrid.Application.Contacts;

/// <summary>
/// GET /contacts: <c>kind</c> any-of, <c>pool</c> (in_pool | expired), <c>search</c> (every word the start of a word of
/// full_name, email, company or role, case- and accent-insensitive; SPEC §5), newest first, with the total (SPEC §1).
/// </summary>
public sealed record ListContacts(Guid OrganizationId, IReadOnlyList<string> Kinds, string? Pool, string? Search, PageRequest Page)
    : IRequest<Paged<ContactDetails>>
{
    public const string InPool = "in_pool";
    public const string Expired = "expired";
    public const int SearchMaxLength = 100;
    public const int SearchMaxWords = 10;

    /// <summary>The listing's tag in its cursors.</summary>
    public const char Listing = 'c';
}

/// <summary>The contacts of an organization matching the filters given (only those become conditions), newest first.</summary>
public sealed class ContactListSpec : Specification<ContactDetails>, ICountedSpecification
{
    /// <summary>SPEC §1: the counters answer the kinds (or no filter); search and the pool window count up to the cap.</summary>
    public TotalRule Total { get; }

    public ContactListSpec(Guid organizationId, IReadOnlyList<string> kinds, string? pool, string? search, DateTimeOffset now, PageRequest page)
    {
        Total = pool is ListContacts.InPool or ListContacts.Expired || search?.Trim() is { Length: > 0 }
            ? TotalRule.Capped
            : TotalRule.FromCounters(new ContactCountSpec(organizationId, kinds));

        Query.Where(c => c.OrganizationId == organizationId);
        if (kinds.Count > 0)
        {
            var any = kinds.ToArray();
            Query.Where(c => RowFilters.Overlaps(c.Kind, any));
        }
        if (pool == ListContacts.InPool) Query.Where(c => c.PoolUntil > now);
        if (pool == ListContacts.Expired) Query.Where(c => c.PoolUntil <= now);
        if (search?.Trim() is { Length: > 0 } term) Query.Where(c => RowFilters.Matches(c.SearchText, term));
        Query.InCreationOrder(page, ListContacts.Listing);
    }
}

/// <summary>The counters of an organization's contacts whose set of kinds shares one with <c>kinds</c> (all when empty).</summary>
public sealed class ContactCountSpec : Specification<ContactCountRow>
{
    public ContactCountSpec(Guid organizationId, IReadOnlyList<string> kinds)
    {
        Query.Where(k => k.OrganizationId == organizationId);
        if (kinds.Count > 0)
        {
            var masks = ContactCountRow.MasksSharingAnyOf(kinds);
            Query.Where(k => masks.Contains(k.Kinds));
        }
    }
}

/// <summary>One shard of an organization's contact counter for one set of kinds, as bits (see M0008_ListCounters).</summary>
[RowSource("contact_counts k")]
public sealed record ContactCountRow : ICounterRow
{
    [Column("k.org_id")] public Guid OrganizationId { get; init; }
    [Column("k.kinds")] public short Kinds { get; init; }
    [Column("k.n")] public long N { get; init; }

    /// <summary>The set of kinds as the database's leadgrid_kinds_mask writes it: bit i for the i-th kind name.</summary>
    public static short Mask(IEnumerable<string> kinds) =>
        (short)kinds.Select(k => WireNames<ContactKind>.TryParse(k, out var kind) ? (int)kind : -1).Where(i => i >= 0).Aggregate(0, (mask, i) => mask | (1 << i));

    /// <summary>Every set of kinds (there are 32) that has at least one of <paramref name="kinds"/>.</summary>
    public static short[] MasksSharingAnyOf(IEnumerable<string> kinds)
    {
        var wanted = Mask(kinds);
        return Enumerable.Range(0, 1 << WireNames<ContactKind>.All.Count).Where(m => (m & wanted) != 0).Select(m => (short)m).ToArray();
    }
}

internal sealed class ListContactsHandler(IListReader reader, TimeProvider clock) : IRequestHandler<ListContacts, Paged<ContactDetails>>
{
    public Task<Paged<ContactDetails>> Handle(ListContacts query, CancellationToken ct) =>
        reader.KeysetPageAsync(new ContactListSpec(query.OrganizationId, query.Kinds, query.Pool, query.Search, clock.GetUtcNow(), query.Page),
            query.Page, ListContacts.Listing, ct);
}
