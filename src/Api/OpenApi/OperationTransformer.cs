using System.Text.Json.Nodes;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Endpoints;
using LeadGrid.Api.Errors;
using LeadGrid.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// What an operation's metadata says that the generator does not read: its scopes (<c>x-required-scopes</c>), the words
/// and an example of its <see cref="ErrorAnswer"/>s, a scoped POST's Idempotency-Key, the rate-limit and Location headers,
/// <see cref="PagingMetadata"/>'s parameters, that a path parameter is an id, and the PDF of a hand-bound body (<see cref="BodyMetadata"/>).
/// </summary>
internal sealed class OperationTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scopes = metadata.OfType<RequiredScopes>().FirstOrDefault()?.Scopes;
        var isPost = context.Description.HttpMethod == "POST";
        var parameters = operation.Parameters ??= [];
        foreach (var id in parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path)) // every one is an id (RouteId)
            (id.Schema, id.Description) = (new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" }, id.Description ?? RouteId.Description);
        if (metadata.OfType<PagingMetadata>().Any())
            foreach (var (name, description, isText, minimum, maximum) in PagingMetadata.Parameters.Where(p => p.Name != "cursor" || metadata.Contains(PagingMetadata.ByCursor)))
                parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Query, Description = description, Schema = isText
                    ? new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maximum }
                    : new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = minimum?.ToString(), Maximum = maximum?.ToString() } });

        var isAdmin = context.Description.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true;
        operation.Security = scopes is not null ? [new() { [new OpenApiSecuritySchemeReference("ApiKey", context.Document)] = [.. scopes] }]
            : isAdmin ? [new() { [new OpenApiSecuritySchemeReference("OperatorToken", context.Document)] = [] }] : []; // open: the document, health
        if (scopes is not null)
        {
            (operation.Extensions ??= new Dictionary<string, IOpenApiExtension>())["x-required-scopes"] = new JsonNodeExtension(new JsonArray([.. scopes.Select(s => (JsonNode)s!)]));
            operation.Description = $"{operation.Description}\n\nRequired scopes: {string.Join(", ", scopes)}.".Trim();
            if (isPost)
                parameters.Add(new OpenApiParameter { Name = IdempotencyMiddleware.Header, In = ParameterLocation.Header, Description = IdempotencyMiddleware.HeaderDescription,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 } });
        }
        foreach (var same in metadata.OfType<ErrorAnswer>().GroupBy(a => a.Status)) // the generator made each with the envelope
        {
            var response = (OpenApiResponse)operation.Responses![same.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            response.Description = string.Join(" Or ", same.Select(a => a.Description));
            response.Content!["application/json"].Example = new JsonObject { ["error"] = new JsonObject { ["code"] = same.First().Code, ["message"] = same.First().Message } };
        }
        foreach (var (status, response) in operation.Responses!)
        {
            var headers = new Dictionary<string, IOpenApiHeader>(((OpenApiResponse)response).Headers ?? new Dictionary<string, IOpenApiHeader>());
            foreach (var (name, description) in scopes is not null && status != "401" ? RateLimiting.Headers : [])
                headers.TryAdd(name, new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } });
            if (scopes is not null && (status is "429" or "503" || (status == "409" && isPost)))
                headers.TryAdd("Retry-After", new OpenApiHeader { Description = "Whole seconds to wait before retrying (at least 1).", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } });
            if (status == "201")
                headers["Location"] = new OpenApiHeader { Description = "The path of the created resource.", Required = true, Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" } };
            ((OpenApiResponse)response).Headers = headers.Count > 0 ? headers : null;
        }
        if (metadata.OfType<BodyMetadata>().FirstOrDefault() is { File: { } file } body && operation.RequestBody is OpenApiRequestBody { Content: { } content } request)
        {
            // The PDF as the whole body, or as a multipart form's file beside the JSON body's fields.
            request.Description ??= body.Description;
            var pdf = await context.GetOrCreateSchemaAsync(typeof(PdfFile), null, cancellationToken);
            var fields = content.TryGetValue("application/json", out var json) ? json.Schema : null;
            content["multipart/form-data"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Required = fields?.Required ?? new HashSet<string> { file },
                    Properties = new Dictionary<string, IOpenApiSchema>(fields?.Properties ?? new Dictionary<string, IOpenApiSchema>()) { [file] = pdf } },
                Encoding = new Dictionary<string, OpenApiEncoding> { [file] = new() { ContentType = "application/pdf" } },
            };
        }
    }
}
