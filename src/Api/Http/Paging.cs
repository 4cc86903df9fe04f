using System.Globalization;
using System.Reflection;
using LeadGrid.Application.Common;
using Microsoft.AspNetCore.Http.Metadata;

namespace LeadGrid.Api.Http;

/// <summary>
/// The <c>page</c>, <c>per_page</c> and <c>cursor</c> query parameters (SPEC §1, §4), checked: 400 invalid_body names
/// the bad one. <c>cursor</c> (from the previous answer's <c>meta.next_cursor</c>) replaces <c>page</c>.
/// </summary>
public sealed record Paging(PageRequest Value) : IEndpointParameterMetadataProvider
{
    /// <summary>Marks the endpoint as paginated (the OpenAPI document then lists page and per_page).</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(PagingMetadata.Instance);
        builder.Metadata.Add(Errors.ErrorAnswers.InvalidQuery);
    }

    public static ValueTask<Paging> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var page = Parse(query, "page", 1, int.MaxValue, 1, "must be a whole number of at least 1.");
        var perPage = Parse(query, "per_page", 1, PageRequest.MaxPerPage, PageRequest.DefaultPerPage,
            $"must be a whole number from 1 to {PageRequest.MaxPerPage}.");
        if (!query.TryGetValue("cursor", out var cursors))
            return ValueTask.FromResult(new Paging(new PageRequest(page, perPage)));
        if (query.ContainsKey("page"))
            throw HttpInputException.Invalid("cursor", "continues where the previous answer ended; it cannot be combined with 'page'.");
        if (cursors.Count != 1 || !ListCursor.TryDecode(cursors[0], out var cursor))
            throw HttpInputException.Invalid("cursor", "is not a cursor this API gave out; pass meta.next_cursor of the previous answer unchanged.");
        return ValueTask.FromResult(new Paging(new PageRequest(1, perPage, cursor)));
    }

    private static int Parse(IQueryCollection query, string name, int min, int max, int fallback, string detail)
    {
        if (!query.TryGetValue(name, out var values))
            return fallback;
        if (values.Count != 1 || !int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value < min || value > max)
            throw HttpInputException.Invalid(name, detail);
        return value;
    }
}

/// <summary>Endpoint metadata: the listing pages (the OpenAPI document lists these parameters).</summary>
public sealed class PagingMetadata
{
    public static readonly PagingMetadata Instance = new();

    /// <summary>A listing in (created_at, id) order also pages by cursor (SPEC §4): its endpoint says so.</summary>
    public static readonly PagingMetadata ByCursor = new();

    /// <summary>
    /// The parameters: whole numbers within bounds, or text of at most <c>Maximum</c> characters; the cursor only on
    /// listings that page by cursor (SPEC §4).
    /// </summary>
    public static readonly (string Name, string Description, bool IsText, int? Minimum, int? Maximum)[] Parameters =
    [
        ("page", "1-based page number. Default: 1.", false, 1, null),
        ("per_page", $"Items per page, 1 to {PageRequest.MaxPerPage}. Default: {PageRequest.DefaultPerPage}.", false, 1, PageRequest.MaxPerPage),
        // No example: a reference that pre-fills examples (/docs) would send it, and another data set's cursor answers an empty page.
        ("cursor", "Continues after the last row of the previous answer: pass its meta.next_cursor unchanged (opaque). Stable while rows " +
                   "are inserted or changed: no row is skipped or repeated. Not together with page.", true, null, ListCursor.MaxLength),
    ];
}
