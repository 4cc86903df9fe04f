using Scalar.AspNetCore;

namespace LeadGrid.Api.Docs;

internal static class DocsEndpoints
{
    /// <summary>
    /// <c>/docs</c>: the reference rendered by Scalar from <c>/openapi/v1.json</c> (search, schemas, examples, code samples,
    /// try-it with a bearer key field). Its script is served by this server (no CDN, no web fonts, no telemetry, no AI
    /// agent), so the page works offline and sends nothing anywhere but here. <c>/</c> leads to it.
    /// </summary>
    public static void MapDocs(this IEndpointRouteBuilder app)
    {
        app.MapScalarApiReference("/docs", o => o
            .WithTitle("LeadGrid API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(Auth.ApiKeyAuthenticationHandler.SchemeName)
            .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()      // "Ask AI" sends the document to Scalar's service
            .DisableMcp()
            .HideDeveloperTools()) // Scalar's own toolbar (deploy, SDK offers), not ours
            .ExcludeFromDescription();
        app.MapGet("/", () => Results.Redirect("/docs", permanent: false)).ExcludeFromDescription();
    }
}
