using Microsoft.AspNetCore.Http.HttpResults;
using System.ComponentModel;
using System.Text.Json.Serialization;
using LeadGrid.Application.Common;

namespace LeadGrid.Api.Http;

/// <summary>One resource: <c>{"data": {...}}</c>.</summary>
public sealed record DataEnvelope<T>(T Data) where T : notnull;

/// <summary>A list: <c>{"data": [...], "meta": {...}}</c>; total counts every match, not just this page.</summary>
public sealed record ListEnvelope<T>(IReadOnlyList<T> Data, ListMeta Meta);

/// <summary>
/// SPEC §1: total is exact, or the cap of a counting that stopped (total_exact false). SPEC §4: has_more says whether
/// rows follow this page; next_cursor continues after its last row (null on the last page and on listings without
/// cursor paging); page is null on a page asked for by cursor.
/// </summary>
public sealed record ListMeta(
    [property: Description("Every match of the filters, not just this page.")] long Total,
    [property: Description("false when counting stopped early: free-text search and the time-window filters count up to a cap " +
                           "of 1,000; total is then 1,000, and more rows match.")] bool TotalExact,
    [property: Description("The page number; null on a page asked for by cursor.")] int? Page,
    int PerPage,
    [property: Description("Whether rows follow this page.")] bool HasMore,
    [property: Description("Continues after this page's last row (pass it as cursor); null on the last page and on listings without cursor paging.")] string? NextCursor);

/// <summary>Every error: <c>{"error": {"code", "message"}}</c>, and <c>param</c> when it is about one input (SPEC §2).</summary>
[Description("Every error answer.")]
public sealed record ErrorResponse(Error Error);

[Description("code is stable; message is for people; param names the field, query parameter or header an error about one " +
             "input concerns, with the path of nested values (kind[1]).")]
public sealed record Error(
    [property: Description("Stable: unauthorized 401, plan_required 402, forbidden 403, not_found 404, method_not_allowed 405, " +
                           "invalid_body 400, duplicate_contact / duplicate_member / conflict / endpoint_disabled 409, " +
                           "idempotency_conflict 409 or 422, payload_too_large 413, unsupported_media_type 415, rate_limited 429, " +
                           "internal 500, unavailable 503.")]
    [property: ClosedSet(typeof(Errors.ErrorCodes))] string Code,
    [property: Description("For people; may change.")] string Message,
    [property: Description("The input the error is about; absent otherwise.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Param = null);

public static class ApiResults
{
    public static Ok<DataEnvelope<T>> Data<T>(T data) where T : notnull => TypedResults.Ok(new DataEnvelope<T>(data));

    public static Ok<ListEnvelope<T>> List<T>(Paged<T> page) =>
        TypedResults.Ok(new ListEnvelope<T>(page.Items, new ListMeta(page.Total, page.TotalExact, page.Page, page.PerPage, page.HasMore, page.NextCursor)));

    /// <summary>A complete list in one page (e.g. a flow's stages): per_page is its length.</summary>
    public static Ok<ListEnvelope<T>> All<T>(IReadOnlyList<T> items) =>
        TypedResults.Ok(new ListEnvelope<T>(items, new ListMeta(items.Count, true, 1, items.Count, false, null)));

    public static Created<DataEnvelope<T>> Created<T>(string location, T data) where T : notnull =>
        TypedResults.Created(location, new DataEnvelope<T>(data));
}

/// <summary>IDs in paths: anything that is not a UUID names no resource, so it is a 404 like an unknown UUID.</summary>
public static class RouteId
{
    public const string Description = "An id (UUID); an unknown one, or one of another organization, is 404.";

    public static Guid Parse(string raw, string resource) =>
        Guid.TryParse(raw, out var id) ? id : throw new NotFoundException(resource);
}

/// <summary>A PDF as the body or a multipart file, and as a download (its type in the OpenAPI document).</summary>
[System.ComponentModel.Description("A PDF (its bytes start with %PDF-), at most 10 MB (10,485,760 bytes).")]
[Writes("string", "binary", MediaType = "application/pdf")]
public sealed class PdfFile;
