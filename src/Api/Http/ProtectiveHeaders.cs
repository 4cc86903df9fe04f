namespace LeadGrid.Api.Http;

/// <summary>
/// On every answer: <c>X-Content-Type-Options: nosniff</c> (no browser guesses a type the server did not say), and on
/// the API's and the operator's answers, which carry personal data and secrets, <c>Cache-Control: no-store</c>. The
/// server names no product (Kestrel's <c>Server</c> header is off).
/// </summary>
internal static class ProtectiveHeaders
{
    public static IApplicationBuilder UseProtectiveHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/admin"))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
