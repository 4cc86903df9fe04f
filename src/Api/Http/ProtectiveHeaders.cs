namespace LeadGrid.Api.Http;

/// <summary>
/// On every answer: <c>X-Content-Type-Options: nosniff</c> (no browser guesses a type the server did not say), and on
/// the API's and the operator's answers, which carry personal data and secrets, <c>Cache-Control: no-store</c>. The
/// server names no product (Kestrel's <c>Server</c> header is off).
/// </summary>
internal static class ProtectiveHeaders
{
    public const string PageSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    private static bool IsPage(PathString path) =>
        path.StartsWithSegments("/settings") || path.StartsWithSegments("/signin") || path.StartsWithSegments("/signout")
        || path.StartsWithSegments("/invite");

    public static IApplicationBuilder UseProtectiveHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/admin"))
                    headers.CacheControl = "no-store";
                if (IsPage(path))
                {
                    // The settings pages: nothing but this origin's own script and styles, no framing, no referrer
                    // (an invite's token is in its URL), never cached (keys are shown once).
                    headers.ContentSecurityPolicy = PageSecurityPolicy;
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
}
