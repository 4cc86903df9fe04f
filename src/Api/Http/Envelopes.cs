using Microsoft.AspNetCore.Http.HttpResults;
using LeadGrid.Application.Common;

namespace LeadGrid.Api.Http;

/// <summary>One resource: <c>{"data": {...}}</c>.</summary>
public sealed record DataEnvelope<T>(T Data);

/// <summary>A list: <c>{"data": [...], "meta": {...}}</c>; total counts every match, not just this page.</summary>
public sealed record ListEnvelope<T>(IReadOnlyList<T> Data, ListMeta Meta);

/// <summary>
/// SPEC §1: total is exact, or the cap of a counting that stopped (total_exact false). SPEC §4: has_more says whether
/// rows follow this page; next_cursor continues after its last row (null on the last page and on listings without
/// cursor paging); page is null on a page asked for by cursor.
/// </summary>
public sealed record ListMeta(long Total, bool TotalExact, int? Page, int PerPage, bool HasMore, string? NextCursor);

/// <summary>Every error: <c>{"error": {"code", "message"}}</c>, and <c>param</c> when it is about one input (SPEC §2).</summary>
public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(string Code, string Message,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    string? Param = null);

public static class ApiResults
{
    public static Ok<DataEnvelope<T>> Data<T>(T data) => TypedResults.Ok(new DataEnvelope<T>(data));

    public static Ok<ListEnvelope<T>> List<T>(Paged<T> page) =>
        TypedResults.Ok(new ListEnvelope<T>(page.Items, new ListMeta(page.Total, page.TotalExact, page.Page, page.PerPage, page.HasMore, page.NextCursor)));

    /// <summary>A complete list in one page (e.g. a flow's stages): per_page is its length.</summary>
    public static Ok<ListEnvelope<T>> All<T>(IReadOnlyList<T> items) =>
        TypedResults.Ok(new ListEnvelope<T>(items, new ListMeta(items.Count, true, 1, items.Count, false, null)));

    public static Created<DataEnvelope<T>> Created<T>(string location, T data) =>
        TypedResults.Created(location, new DataEnvelope<T>(data));
}

/// <summary>IDs in paths: anything that is not a UUID names no resource, so it is a 404 like an unknown UUID.</summary>
public static class RouteId
{
    public static Guid Parse(string raw, string resource) =>
        Guid.TryParse(raw, out var id) ? id : throw new NotFoundException(resource);
}
