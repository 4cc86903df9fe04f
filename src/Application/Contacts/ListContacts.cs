using Ardalis.Specification;
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

/// <summary>The contacts of an organization matching the filters given (only those become conditions), newest first.</summary>
public sealed class ContactListSpec : Specification<ContactDetails>
{
    public ContactListSpec(Guid organizationId, IReadOnlyList<string> kinds, string? pool, string? search, DateTimeOffset now, PageRequest page)
    {
        Query.Where(c => c.OrganizationId == organizationId);
        if (kinds.Count > 0)
        {
            var any = kinds.ToArray();
            Query.Where(c => RowFilters.Overlaps(c.Kind, any));
        }
        if (pool == ListContacts.InPool) Query.Where(c => c.PoolUntil > now);
        if (pool == ListContacts.Expired) Query.Where(c => c.PoolUntil <= now);
        if (search?.Trim() is { Length: > 0 } term) Query.Where(c => RowFilters.Matches(c.SearchText, term));
        Query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Page(page);
    }
}

internal sealed class ListContactsHandler(IListReader reader, TimeProvider clock) : IRequestHandler<ListContacts, Paged<ContactDetails>>
{
    public Task<Paged<ContactDetails>> Handle(ListContacts query, CancellationToken ct) =>
        reader.PageAsync(new ContactListSpec(query.OrganizationId, query.Kinds, query.Pool, query.Search, clock.GetUtcNow(), query.Page),
            query.Page, ct);
}
