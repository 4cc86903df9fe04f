namespace LeadGrid.Api.Pages;

/// <summary>
/// The settings pages' stylesheet and script, embedded in the assembly and served from it: they are there however the
/// server is started (from its build folder, a publish folder, or another directory), with no static-file folder.
/// </summary>
internal static class PageAssets
{
    private static readonly (string Path, string Resource, string ContentType)[] Assets =
    [
        ("/settings.css", "LeadGrid.Api.Pages.Assets.settings.css", "text/css; charset=utf-8"),
        ("/settings.js", "LeadGrid.Api.Pages.Assets.settings.js", "text/javascript; charset=utf-8"),
    ];

    public static void MapPageAssets(this IEndpointRouteBuilder app)
    {
        foreach (var (path, resource, contentType) in Assets)
        {
            var bytes = Read(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=3600";
                return Results.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"{resource} is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
