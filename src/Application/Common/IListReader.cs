using System.Linq.Expressions;
using Ardalis.Specification;

namespace LeadGrid.Application.Common;

/// <summary>
/// Reads what a specification over a read-model row selects: its page (Skip/Take) and how many rows match its filters
/// in all, in one round trip. Infrastructure translates the specification into SQL; tests evaluate the same
/// specification in memory.
/// </summary>
public interface IListReader
{
    /// <param name="parent">A resource the listing hangs under: when it does not exist, the listing is a 404.</param>
    /// <remarks>The total follows the specification's <see cref="TotalRule"/> (<see cref="ICountedSpecification"/>); exact otherwise.</remarks>
    Task<ListResult<TRow>> ListAsync<TRow>(ISpecification<TRow> specification, CancellationToken ct, ParentCheck? parent = null)
        where TRow : class;
}

/// <summary>A page of rows, how many rows match in all (SPEC §1), and whether that count is exact or the cap.</summary>
public sealed record ListResult<TRow>(IReadOnlyList<TRow> Items, long Total, bool TotalExact);

/// <summary>A resource a listing hangs under, as a specification that must match a row (else 404 <see cref="Resource"/>).</summary>
public abstract record ParentCheck(string Resource)
{
    public static ParentCheck<TParent> For<TParent>(ISpecification<TParent> exists, string resource) where TParent : class =>
        new(exists, resource);

    /// <summary>Lets the reader translate the check without knowing its row type.</summary>
    public abstract TResult Accept<TResult>(IParentCheckVisitor<TResult> visitor);
}

public sealed record ParentCheck<TParent>(ISpecification<TParent> Exists, string Resource) : ParentCheck(Resource) where TParent : class
{
    public override TResult Accept<TResult>(IParentCheckVisitor<TResult> visitor) => visitor.Visit(this);
}

public interface IParentCheckVisitor<out TResult>
{
    TResult Visit<TParent>(ParentCheck<TParent> check) where TParent : class;
}

public static class ListReaderExtensions
{
    /// <summary>
    /// The page as the API answers it: items, total, the page asked for, and whether more follow (the specification
    /// reads one row past the page, see <see cref="Page{TRow}"/>).
    /// </summary>
    public static async Task<Paged<TRow>> PageAsync<TRow>(this IListReader reader, ISpecification<TRow> specification, PageRequest page,
        CancellationToken ct, ParentCheck? parent = null) where TRow : class
    {
        var result = await reader.ListAsync(specification, ct, parent);
        var hasMore = result.Items.Count > page.PerPage;
        var items = hasMore ? result.Items.Take(page.PerPage).ToArray() : result.Items;
        return new Paged<TRow>(items, result.Total, page.Page, page.PerPage, result.TotalExact, hasMore);
    }

    /// <summary>
    /// A page of a listing in (created_at, id) order, with the cursor that continues after its last row (SPEC §4):
    /// <paramref name="listing"/> tags the cursor so another listing refuses it.
    /// </summary>
    public static async Task<Paged<TRow>> KeysetPageAsync<TRow>(this IListReader reader, ISpecification<TRow> specification, PageRequest page,
        char listing, CancellationToken ct, ParentCheck? parent = null) where TRow : class, IKeysetRow
    {
        var paged = await reader.PageAsync(specification, page, ct, parent);
        var next = paged.HasMore && paged.Items.Count > 0 ? new ListCursor(listing, paged.Items[^1].CreatedAt, paged.Items[^1].Id).Encode() : null;
        return paged with { Page = page.Cursor is null ? page.Page : null, NextCursor = next };
    }

    private static readonly System.Reflection.MethodInfo BeforeMethod = typeof(RowFilters).GetMethod(nameof(RowFilters.Before))!;
    private static readonly System.Reflection.MethodInfo AfterMethod = typeof(RowFilters).GetMethod(nameof(RowFilters.After))!;

    /// <summary>
    /// The one way a listing in (created_at, id) order is written, newest first or oldest first: the cursor's position
    /// (when the page is asked for by <paramref name="listing"/>'s cursor), the order that position is taken in, and
    /// the page. The cursor and the order cannot disagree, so no row is skipped or repeated from page to page.
    /// </summary>
    public static ISpecificationBuilder<TRow> InCreationOrder<TRow>(this ISpecificationBuilder<TRow> query, PageRequest page, char listing,
        bool newestFirst = true) where TRow : IKeysetRow
    {
        var row = Expression.Parameter(typeof(TRow), "row");
        var createdAt = Expression.Property(row, nameof(IKeysetRow.CreatedAt));
        var id = Expression.Property(row, nameof(IKeysetRow.Id));
        if (page.Cursor?.For(listing) is { } after)
        {
            // A row member compared with the cursor's values: the translator makes them parameters of (created_at, id) < (…).
            var cursor = Expression.Constant(after);
            var position = Expression.Call(newestFirst ? BeforeMethod : AfterMethod,
                createdAt, id, Expression.Property(cursor, nameof(ListCursor.CreatedAt)), Expression.Property(cursor, nameof(ListCursor.Id)));
            query.Where(Expression.Lambda<Func<TRow, bool>>(position, row));
        }
        var byCreation = Expression.Lambda<Func<TRow, object?>>(Expression.Convert(createdAt, typeof(object)), row);
        var byId = Expression.Lambda<Func<TRow, object?>>(Expression.Convert(id, typeof(object)), row);
        return newestFirst
            ? query.OrderByDescending(byCreation).ThenByDescending(byId).Page(page)
            : query.OrderBy(byCreation).ThenBy(byId).Page(page);
    }

    /// <summary>
    /// Skip/Take for a page, one row more than the page holds (it tells whether more follow); a page past what an int
    /// can skip is past the end of any listing anyway. A page asked for by cursor skips nothing: the listing's
    /// specification filters by the cursor (<see cref="InCreationOrder{TRow}"/>).
    /// </summary>
    public static ISpecificationBuilder<TRow> Page<TRow>(this ISpecificationBuilder<TRow> query, PageRequest page) =>
        page.Cursor is null
            ? query.Skip((int)Math.Min(page.Offset, int.MaxValue)).Take(page.PerPage + 1)
            : query.Take(page.PerPage + 1);
}
