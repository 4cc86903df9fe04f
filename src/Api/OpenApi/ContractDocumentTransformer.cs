using System.Text.Json.Nodes;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Webhooks;
using LeadGrid.Api.Errors;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// What the document says as a whole: its title, licence and server; the two bearer schemes (API keys for
/// <c>/api/v1</c>, the operator token for <c>/admin/v1</c>) and which one, with which scopes, each operation needs;
/// the tags with their descriptions; and the error envelope (SPEC §2) as the body of every error answer, with its code.
/// </summary>
internal sealed class ContractDocumentTransformer(string? publicUrl) : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string OperatorScheme = "OperatorToken";
    private const string ErrorSchema = "ErrorResponse";
    private const string ErrorDetailSchema = "Error";

    /// <summary>The bodies' schemas: the use cases' commands.</summary>
    private static readonly HashSet<string> Requests = typeof(Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => typeof(MediatR.IBaseRequest).IsAssignableFrom(t)).Select(t => t.Name).ToHashSet();

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Dossiers", "Candidates in hiring and deals in sales, moving through the stages of a flow; with their CV, contacts and notes (SPEC §4, §6, §8)."),
        ("Contacts", "The people in the organization's network: candidates, prospects, clients, suppliers and partners (SPEC §5)."),
        ("Flows", "The pipelines dossiers move through: ordered stages with deadlines and win probabilities (SPEC §7)."),
        ("Admin", "Operator API (Authorization: Bearer <Admin:Token>): organizations, members and API keys (SPEC §12, §13)."),
        ("Admin: webhooks", "Operator API: webhook endpoints, their deliveries, redelivery, secret rotation and test events (SPEC §9, §12)."),
        ("Webhooks", "What LeadGrid POSTs to your endpoints: one JSON event per change, signed (X-LeadGrid-Signature: t=…,v1=<hex HMAC-SHA256 " +
                     "of \"<t>.<body>\"> with the endpoint's secret). Any 2xx is success; anything else is retried for about three days " +
                     "(410 Gone disables the endpoint). Receivers dedupe on the event id (SPEC §9)."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "LeadGrid API";
        document.Info.Version = "v1";
        document.Info.Description =
            "Dossiers, contacts, flows and notes for recruiting and sales teams, with signed webhooks for every change.\n\n" +
            "Authenticate with `Authorization: Bearer lg_live_…` (an API key with scopes, made under Settings → API). " +
            "JSON in and out with snake_case keys; timestamps ISO 8601 UTC; ids UUIDs. Every error is " +
            "`{\"error\": {\"code\", \"message\", \"param\"?}}`; `param` names the input an error is about. Lists carry " +
            "`meta.total` and page by `page`/`per_page`, or by `cursor` (`meta.next_cursor`) where rows must not be skipped " +
            "while others are inserted. POSTs take an `Idempotency-Key`.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Identifier = "LicenseRef-LeadGrid" };
        // From configuration only (a URL taken from the request's Host header would let anyone rewrite it); otherwise
        // the server the document is served from.
        document.Servers = [new OpenApiServer
        {
            Url = publicUrl is { Length: > 0 } ? publicUrl.TrimEnd('/') : "/",
            Description = publicUrl is { Length: > 0 } ? "This deployment" : "The server this document is served from",
        }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "lg_live_<secret>",
                Description = "An API key of one organization (Settings → API). Each operation names the scopes it needs: " +
                              string.Join(", ", Scopes.All) + ". A key lacking one is 403 forbidden.",
            },
            [OperatorScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The operator token from the server's configuration (Admin:Token). Without one configured, /admin is 404.",
            },
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorDetailSchema] = ErrorDetail();
        document.Components.Schemas[ErrorSchema] = Error(document);
        foreach (var (name, values, description) in ContractVocabulary.Named)
            document.Components.Schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList(),
                Description = description,
            };
        foreach (var (name, schema) in document.Components.Schemas.ToArray())
        {
            // An envelope's data is never null; the generator cannot know that of an unconstrained T.
            if (name.StartsWith("DataEnvelopeOf", StringComparison.Ordinal) && schema.Properties?.TryGetValue("data", out var data) == true
                && data is OpenApiSchema { OneOf: { Count: > 0 } oneOf })
                schema.Properties["data"] = oneOf.First(s => s is not OpenApiSchema { Type: JsonSchemaType.Null });
            foreach (var (member, value) in schema.Properties?.ToArray() ?? [])
            {
                if (Requests.Contains(name) && schema.Required?.Contains(member) == true && value is OpenApiSchema { OneOf: [_, _] either }
                    && either.SingleOrDefault(s => s is not OpenApiSchema { Type: JsonSchemaType.Null }) is OpenApiSchemaReference required)
                {
                    schema.Properties![member] = required; // a required closed set of a body: its reference, not "it or null"
                    continue;
                }
                if (ContractVocabulary.NeverNull(name, member) && value is OpenApiSchema { OneOf: [_, _] pair }
                    && pair.SingleOrDefault(s => s is OpenApiSchemaReference) is OpenApiSchemaReference set)
                {
                    // A closed set of a partial update that may be left out but not cleared: its reference, not "it or null".
                    schema.Properties![member] = new OpenApiSchemaReference(set.Reference.Id!, document)
                        { Description = "Leave the field out to keep the current value; it cannot be null." };
                    continue;
                }
                if (value is OpenApiSchema concrete && ContractVocabulary.NeverNull(name, member))
                {
                    // A partial update's member that may be left out but not cleared.
                    concrete.Type &= ~JsonSchemaType.Null;
                    concrete.Enum?.Remove(null!);
                    concrete.Description = "Leave the field out to keep the current value; it cannot be null.";
                }
                schema.Properties![member] = NameEnum(document, value);
            }
        }

        Webhooks(document);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                Secure(document, path, operation);
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                    if (parameter.Schema is { } parameterSchema)
                        parameter.Schema = NameEnum(document, parameterSchema);
                foreach (var (_, media) in operation.RequestBody?.Content ?? new Dictionary<string, OpenApiMediaType>())
                    if (media.Schema is OpenApiSchema { Properties: { } fields })
                        foreach (var (field, value) in fields.ToArray())
                            fields[field] = NameEnum(document, value);
                foreach (var (status, response) in operation.Responses ?? [])
                {
                    if (response is not OpenApiResponse answer || !int.TryParse(status, out var code) || code < 400) continue;
                    answer.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = new OpenApiSchemaReference(ErrorSchema, document),
                            Example = new JsonObject
                            {
                                ["error"] = new JsonObject
                                {
                                    ["code"] = CodeOf(answer.Description),
                                    ["message"] = MessageOf(answer.Description),
                                },
                            },
                        },
                    };
                }
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The scheme an operation needs, with its scopes (from <c>x-required-scopes</c>); none for what is open.</summary>
    private static void Secure(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        if (operation.Extensions?.TryGetValue("x-required-scopes", out var extension) == true && extension is JsonNodeExtension { Node: JsonArray scopes })
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = scopes.Select(s => s!.GetValue<string>()).ToList() }];
        else if (path.StartsWith("/admin/", StringComparison.Ordinal))
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorScheme, document)] = [] }];
        else
            operation.Security = []; // open: the document itself, health
    }

    /// <summary>
    /// A member or parameter whose values are one of the contract's named closed sets becomes a reference to it (for a
    /// list, its items do; a nullable one, a reference or null). Anything else is returned as it is.
    /// </summary>
    private static IOpenApiSchema NameEnum(OpenApiDocument document, IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema concrete) return schema;
        if (concrete.Items is OpenApiSchema items && Named(items.Enum) is { } itemsName)
        {
            concrete.Items = new OpenApiSchemaReference(itemsName, document);
            return concrete;
        }
        if (Named(concrete.Enum) is not { } name) return concrete;
        var reference = new OpenApiSchemaReference(name, document);
        return concrete.Type?.HasFlag(JsonSchemaType.Null) == true
            ? new OpenApiSchema { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }], Description = concrete.Description }
            : new OpenApiSchemaReference(name, document) { Description = concrete.Description };
    }

    private static string? Named(IList<JsonNode>? values)
    {
        if (values is not { Count: > 0 }) return null;
        var given = values.Where(v => v is not null).Select(v => v.GetValue<string>()).ToHashSet();
        foreach (var (name, set, _) in ContractVocabulary.Named)
            if (given.SetEquals(set))
                return name;
        return null;
    }

    /// <summary>
    /// SPEC §9 as OpenAPI 3.1 <c>webhooks</c>: each event type a receiver gets, with its body (the resource's full
    /// representation, and <c>previous</c> on updates), its headers and what its answer means, so a generated client
    /// has a type for every payload.
    /// </summary>
    private static void Webhooks(OpenApiDocument document)
    {
        OpenApiSchema Event(string description, string[] types, IOpenApiSchema data, JsonNode dataExample) => new()
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Required = new HashSet<string> { "id", "type", "created_at", "data" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^evt_[0-9a-f]{32}$", Description = "The event's id; the same on every attempt." },
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = types.Select(t => (JsonNode)JsonValue.Create(t)!).ToList() },
                ["created_at"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                ["data"] = data,
            },
            Examples = [new JsonObject
            {
                ["id"] = "evt_0196a1c03f2a7b1e8c4d5e6f7a8b9c0e", ["type"] = types[0], ["created_at"] = "2026-04-15T12:03:40Z", ["data"] = dataExample,
            }],
        };
        OpenApiSchema WithPrevious(OpenApiSchema schema)
        {
            schema.Properties!["previous"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "dossier.updated and dossier.stage_changed only: the value each changed field had before.",
            };
            return schema;
        }
        var schemas = document.Components!.Schemas!;
        schemas["DossierEvent"] = WithPrevious(Event("A change of a dossier; data is the dossier right after it.",
            [WebhookEventTypes.DossierCreated, WebhookEventTypes.DossierUpdated, WebhookEventTypes.DossierStageChanged, WebhookEventTypes.DossierDeleted],
            new OpenApiSchemaReference("DossierDetails", document), ContractExamples.For("DossierDetails")!));
        schemas["NoteEvent"] = Event("A note added to a dossier.", [WebhookEventTypes.NoteCreated], new OpenApiSchemaReference("NoteDetails", document), ContractExamples.For("NoteDetails")!);
        schemas["PingEvent"] = Event("The test event an admin sends to check a receiver.", [WebhookEventTypes.Ping], new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "endpoint_id" },
            Properties = new Dictionary<string, IOpenApiSchema> { ["endpoint_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" } },
        }, new JsonObject { ["endpoint_id"] = "0196a0f4-1b2c-7d3e-8f4a-5b6c7d8e9fa0" });
        var headers = new (string Name, string Description)[]
        {
            ("X-LeadGrid-Signature", "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">; during a secret rotation a second v1 (the old secret's) comes last."),
            ("X-LeadGrid-Event-Id", "The event's id (as in the body)."),
            ("X-LeadGrid-Event-Type", "The event's type (as in the body)."),
        };
        document.Webhooks = new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, schema, summary) in new[]
                 {
                     (WebhookEventTypes.DossierCreated, "DossierEvent", "A dossier was created"),
                     (WebhookEventTypes.DossierUpdated, "DossierEvent", "A dossier changed (previous holds the changed fields' old values)"),
                     (WebhookEventTypes.DossierStageChanged, "DossierEvent", "A dossier moved to another stage"),
                     (WebhookEventTypes.DossierDeleted, "DossierEvent", "A dossier was archived"),
                     (WebhookEventTypes.NoteCreated, "NoteEvent", "A note was added"),
                     (WebhookEventTypes.Ping, "PingEvent", "A test event"),
                 })
        {
            var operation = new OpenApiOperation
            {
                OperationId = "On" + string.Concat(type.Split('.', '_').Select(w => char.ToUpperInvariant(w[0]) + w[1..])),
                Summary = summary,
                Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                Security = [],
                Parameters = headers.Select(h => (IOpenApiParameter)new OpenApiParameter
                {
                    Name = h.Name, In = ParameterLocation.Header, Required = true, Description = h.Description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                }).ToList(),
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = new OpenApiSchemaReference(schema, document) } },
                },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Received. Any 2xx counts as success." },
                    ["410"] = new OpenApiResponse { Description = "Gone: the endpoint is disabled and receives nothing more until an admin enables it." },
                    ["default"] = new OpenApiResponse { Description = "Any other answer, a timeout (15 s) or a refused connection: retried with backoff for about three days." },
                },
            };
            document.Webhooks[type] = new OpenApiPathItem { Operations = new() { [HttpMethod.Post] = operation } };
        }
    }

    /// <summary>SPEC §2's envelope: <c>{"error": Error}</c>.</summary>
    private static OpenApiSchema Error(OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Description = "Every error answer.",
        Required = new HashSet<string> { "error" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema> { ["error"] = new OpenApiSchemaReference(ErrorDetailSchema, document) },
        Examples = [ContractExamples.For("ErrorEnvelope")!],
    };

    /// <summary>code (one of the stable codes), message, and param for an error about one input.</summary>
    private static OpenApiSchema ErrorDetail() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "code is stable; message is for people; param names the field, query parameter or header an error about one " +
                      "input concerns, with the path of nested values (kind[1]).",
        Required = new HashSet<string> { "code", "message" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = Codes.Select(c => (JsonNode)JsonValue.Create(c)!).ToList(),
                Description = "Stable: unauthorized 401, plan_required 402, forbidden 403, not_found 404, method_not_allowed 405, " +
                              "invalid_body 400, duplicate_contact / duplicate_member / conflict / endpoint_disabled 409, " +
                              "idempotency_conflict 409 or 422, payload_too_large 413, unsupported_media_type 415, rate_limited 429, " +
                              "internal 500, unavailable 503.",
            },
            ["message"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For people; may change." },
            ["param"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The input the error is about; absent otherwise." },
        },
        Examples = [ContractExamples.For("ErrorBody")!],
    };

    private static readonly string[] Codes =
    [
        ErrorCodes.Unauthorized, ErrorCodes.PlanRequired, ErrorCodes.Forbidden, ErrorCodes.NotFound, ErrorCodes.InvalidBody,
        ErrorCodes.DuplicateContact, ErrorCodes.DuplicateMember, ErrorCodes.Conflict, ErrorCodes.EndpointDisabled,
        ErrorCodes.IdempotencyConflict, ErrorCodes.PayloadTooLarge, ErrorCodes.UnsupportedMediaType, ErrorCodes.MethodNotAllowed,
        ErrorCodes.RateLimited, ErrorCodes.Internal, ErrorCodes.Unavailable,
    ];

    /// <summary>A response's description starts with its code ("not_found: …"); the first one when it lists several.</summary>
    private static string CodeOf(string? description)
    {
        var code = description?.Split(':', 2)[0].Trim() ?? "";
        return Codes.Contains(code) ? code : ErrorCodes.InvalidBody;
    }

    private static string MessageOf(string? description)
    {
        var text = description?.Split(':', 2) is [_, var rest] ? rest.Trim() : description ?? "";
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        text = end > 0 ? text[..(end + 1)] : text;
        return text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }
}
