using System.Text.Json.Nodes;
using LeadGrid.Api.Docs;
using LeadGrid.Domain.ApiKeys;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// The document as a whole: title, server, tags and the two bearer schemes; SPEC §9's events as OpenAPI 3.1 webhooks.
/// </summary>
internal sealed class DocumentTransformer(string? publicUrl) : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = "LeadGrid API", Version = "v1", Description = Reference.Introduction,
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-LeadGrid" } };
        // From configuration only: a URL from the request's Host header would let anyone rewrite it.
        document.Servers = [publicUrl is { Length: > 0 } ? new() { Url = publicUrl.TrimEnd('/'), Description = "This deployment" }
            : new() { Url = "/", Description = "The server this document is served from" }];
        document.Tags = new HashSet<OpenApiTag>(Reference.Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        (document.Components ??= new OpenApiComponents()).SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            ["ApiKey"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "lg_live_<secret>",
                Description = $"An API key of one organization (Settings → API). Each operation names the scopes it needs: {string.Join(", ", Scopes.All)}. A key lacking one is 403 forbidden." },
            ["OperatorToken"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The operator token from the server's configuration (Admin:Token). Without one configured, /admin is 404." },
        };
        await WebhooksAsync(document, context, cancellationToken);
    }

    /// <summary>SPEC §9: each event a receiver gets, with its body (<see cref="Reference.Events"/>), headers and what its answer means.</summary>
    private static async Task WebhooksAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Webhooks = new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, body, summary) in Reference.Events)
        {
            var schema = await context.GetOrCreateSchemaAsync(body, null, ct);
            var data = body.GetProperty("Data")!.PropertyType.Name;
            if (document.Components!.Schemas!.ContainsKey(data)) schema.Properties!["data"] = new OpenApiSchemaReference(data, document);
            document.Components.Schemas[body.Name] = schema;
            var responses = new OpenApiResponses();
            foreach (var (status, description) in Reference.EventAnswers) responses[status] = new OpenApiResponse { Description = description };
            document.Webhooks[type] = new OpenApiPathItem { Operations = new() { [HttpMethod.Post] = new OpenApiOperation
            {
                OperationId = "On" + string.Concat(type.Split('.', '_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
                Summary = summary, Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) }, Security = [], Responses = responses,
                Parameters = [.. Reference.EventHeaders.Select(h => (IOpenApiParameter)new OpenApiParameter
                    { Name = h.Name, In = ParameterLocation.Header, Required = true, Description = h.Description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } })],
                RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(body.Name, document) } } },
            } } };
        }
    }
}
