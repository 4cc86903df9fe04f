namespace LeadGrid.Api.OpenApi;

internal static class DocsEndpoints
{
    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(DocsEndpoints).Assembly.GetManifestResourceStream("LeadGrid.Api.OpenApi.docs.html")
                           ?? throw new InvalidOperationException("docs.html is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });

    /// <summary><c>/docs</c>: a browsable reference rendered from <c>/openapi/v1.json</c>, with scopes and errors per endpoint.</summary>
    public static void MapDocs(this IEndpointRouteBuilder app) =>
        app.MapGet("/docs", () => Results.Bytes(Page.Value, "text/html; charset=utf-8"))
            .ExcludeFromDescription();
}
