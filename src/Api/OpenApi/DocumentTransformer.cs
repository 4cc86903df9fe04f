using System.Text.Json.Nodes;
using LeadGrid.Api.Docs;
using LeadGrid.Domain.ApiKeys;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// The document as a whole: title, server, tags, the two bearer schemes and which one each operation needs; the closed
/// sets as named schemas that members and parameters refer to; SPEC §9's events as OpenAPI 3.1 webhooks.
/// </summary>
internal sealed class DocumentTransformer(string? publicUrl) : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    private const string LeaveOut = "Leave the field out to keep the current value; it cannot be null.";
    private static readonly HashSet<string> Requests = [.. typeof(Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => typeof(MediatR.IBaseRequest).IsAssignableFrom(t)).Select(t => t.Name)];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo { Title = "LeadGrid API", Version = "v1", Description = Reference.Introduction,
            License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-LeadGrid" } };
        // From configuration only: a URL from the request's Host header would let anyone rewrite it.
        document.Servers = [publicUrl is { Length: > 0 } ? new() { Url = publicUrl.TrimEnd('/'), Description = "This deployment" }
            : new() { Url = "/", Description = "The server this document is served from" }];
        document.Tags = new HashSet<OpenApiTag>(Reference.Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        (document.Components ??= new OpenApiComponents()).SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "lg_live_<secret>",
                Description = $"An API key of one organization (Settings → API). Each operation names the scopes it needs: {string.Join(", ", Scopes.All)}. A key lacking one is 403 forbidden." },
            ["OperatorToken"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "The operator token from the server's configuration (Admin:Token). Without one configured, /admin is 404." },
        };
        var schemas = document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        foreach (var (name, values, description) in Vocabulary.Named)
            schemas[name] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)v!)], Description = description };
        foreach (var (name, schema) in schemas.ToArray())
            foreach (var (member, value) in schema.Properties?.ToArray() ?? [])
                schema.Properties![member] = Named(document, value, (name.StartsWith("DataEnvelopeOf", StringComparison.Ordinal) && member == "data")
                    || (Requests.Contains(name) && schema.Required?.Contains(member) == true), Vocabulary.NeverNull(name, member));

        foreach (var (path, item) in document.Paths)
            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                operation.Security = operation.Extensions?.TryGetValue("x-required-scopes", out var scoped) == true && scoped is JsonNodeExtension { Node: JsonArray scopes }
                    ? [new() { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [.. scopes.Select(s => s!.GetValue<string>())] }]
                    : path.StartsWith("/admin/", StringComparison.Ordinal) ? [new() { [new OpenApiSecuritySchemeReference("OperatorToken", document)] = [] }]
                    : []; // open: the document itself, health
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                    parameter.Schema = Named(document, parameter.Schema!, false, false);
                foreach (var fields in operation.RequestBody?.Content?.Values.Select(m => (m.Schema as OpenApiSchema)?.Properties).OfType<IDictionary<string, IOpenApiSchema>>() ?? [])
                    foreach (var (field, value) in fields.ToArray<KeyValuePair<string, IOpenApiSchema>>())
                        fields[field] = Named(document, value, false, false);
            }
        Webhooks(document);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A schema whose values are a named closed set refers to it (a list's items do; a nullable one is it or null).
    /// <paramref name="never"/>: null is not a value (an envelope's data, a required body member); <paramref name="notCleared"/>:
    /// a partial update's member may be left out, not cleared.
    /// </summary>
    private static IOpenApiSchema Named(OpenApiDocument document, IOpenApiSchema schema, bool never, bool notCleared)
    {
        if (schema is not OpenApiSchema concrete) return schema;
        if ((never || notCleared) && concrete.OneOf is [_, _] pair && pair.SingleOrDefault(s => s is not OpenApiSchema { Type: JsonSchemaType.Null }) is { } only)
            return only is OpenApiSchemaReference set && notCleared ? new OpenApiSchemaReference(set.Reference.Id!, document) { Description = LeaveOut } : only;
        if (notCleared)
            (concrete.Type, concrete.Description, _) = (concrete.Type & ~JsonSchemaType.Null, LeaveOut, concrete.Enum?.Remove(null!));
        if (concrete.Items is OpenApiSchema items && NameOf(items.Enum) is { } itemsName)
            concrete.Items = new OpenApiSchemaReference(itemsName, document);
        if (NameOf(concrete.Enum) is not { } name) return concrete;
        return concrete.Type?.HasFlag(JsonSchemaType.Null) == true
            ? new OpenApiSchema { OneOf = [new OpenApiSchemaReference(name, document), new OpenApiSchema { Type = JsonSchemaType.Null }], Description = concrete.Description }
            : new OpenApiSchemaReference(name, document) { Description = concrete.Description };
    }

    private static string? NameOf(IList<JsonNode>? values) => values?.Where(v => v is not null).Select(v => v.GetValue<string>()).ToHashSet() is { Count: > 0 } given
        ? Vocabulary.Named.FirstOrDefault(n => given.SetEquals(n.Values)).Name : null;

    /// <summary>SPEC §9: each event a receiver gets, with its body (the resource as the API writes it), headers and what its answer means.</summary>
    private static void Webhooks(OpenApiDocument document)
    {
        foreach (var (name, description, data) in Reference.EventBodies)
        {
            var types = Reference.Events.Where(e => e.Body == name).Select(e => e.Type).ToArray();
            var body = document.Components!.Schemas![name] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = description, Required = new HashSet<string> { "id", "type", "created_at", "data" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^evt_[0-9a-f]{32}$", Description = "The event's id; the same on every attempt." },
                    ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. types.Select(t => (JsonNode)t!)] },
                    ["created_at"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                    ["data"] = data is not null ? new OpenApiSchemaReference(data.Name, document) : new OpenApiSchema { Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "endpoint_id" }, Properties = new Dictionary<string, IOpenApiSchema> { ["endpoint_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" } } },
                },
                Examples = [new JsonObject { ["id"] = "evt_0196a1c03f2a7b1e8c4d5e6f7a8b9c0e", ["type"] = types[0], ["created_at"] = "2026-04-15T12:03:40Z",
                    ["data"] = data is null ? new JsonObject { ["endpoint_id"] = "0196a0f4-1b2c-7d3e-8f4a-5b6c7d8e9fa0" } : ContractExamples.For(data) }],
            };
            if (name == "DossierEvent")
                body.Properties!["previous"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "dossier.updated and dossier.stage_changed only: the value each changed field had before." };
        }
        static OpenApiResponses Answers()
        {
            var answers = new OpenApiResponses();
            foreach (var (status, description) in Reference.EventAnswers) answers[status] = new OpenApiResponse { Description = description };
            return answers;
        }
        document.Webhooks = Reference.Events.ToDictionary(e => e.Type, e => (IOpenApiPathItem)new OpenApiPathItem { Operations = new() { [HttpMethod.Post] = new OpenApiOperation
        {
            OperationId = "On" + string.Concat(e.Type.Split('.', '_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
            Summary = e.Summary, Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) }, Security = [],
            Parameters = [.. Reference.EventHeaders.Select(h => (IOpenApiParameter)new OpenApiParameter
                { Name = h.Name, In = ParameterLocation.Header, Required = true, Description = h.Description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } })],
            RequestBody = new OpenApiRequestBody { Required = true, Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(e.Body, document) } } },
            Responses = Answers(),
        } } });
    }
}
