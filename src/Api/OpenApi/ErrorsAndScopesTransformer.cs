using System.Text.Json.Nodes;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>Endpoint metadata: an error an endpoint answers beyond those every endpoint of its kind does.</summary>
public sealed record ErrorResponse(int Status, string Description);

/// <summary>
/// Adds to each operation what an integrator needs and the framework cannot see: the scopes it requires
/// (<c>x-required-scopes</c>, the security requirement and the description), the errors it can answer in the order
/// the server checks them, rate-limit and Location headers, the types of its hand-bound parameters and bodies.
/// </summary>
internal sealed class ErrorsAndScopesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeParameters(operation);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scopes = metadata.OfType<RequiredScopes>().FirstOrDefault()?.Scopes;
        var isAdmin = context.Description.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true;
        var isAuthorized = metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<AuthorizationPolicy>().Any();
        operation.Responses ??= new OpenApiResponses();
        if (metadata.OfType<PagingMetadata>().Any())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(IntegerQuery("page", "1-based page number. Default: 1.", 1, null));
            operation.Parameters.Add(IntegerQuery("per_page", "Items per page, 1 to 100. Default: 25.", 1, 100));
            if (ContractVocabulary.CursorListings.Contains(operation.OperationId ?? ""))
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "cursor",
                    In = ParameterLocation.Query,
                    Description = "Continues after the last row of the previous answer: pass its meta.next_cursor unchanged (opaque). " +
                                  "Stable while rows are inserted or changed: no row is skipped or repeated. Not together with page.",
                    // No example: a reference that pre-fills examples (Scalar's /docs) would send it, and a cursor of
                    // another data set answers an empty page.
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 64 },
                });
        }

        if (scopes is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-required-scopes"] = new JsonNodeExtension(new JsonArray(scopes.Select(s => (JsonNode)s!).ToArray()));
            operation.Description = $"{operation.Description}\n\nRequired scopes: {string.Join(", ", scopes)}.".Trim();
            Add(operation, "401", "unauthorized: the Authorization header is missing, not Bearer, or the key is malformed, unknown, revoked or expired.");
            Add(operation, "402", "plan_required: the organization's plan does not include the API (growth).");
            Add(operation, "403", scopes.Count == 1
                ? $"forbidden: the key lacks {scopes[0]}."
                : $"forbidden: the key needs {string.Join(" and ", scopes)}; the message names what it lacks.");
        }
        else if (isAdmin && isAuthorized)
        {
            Add(operation, "401", "unauthorized: the operator token (Admin:Token) is missing or wrong.");
        }

        foreach (var error in metadata.OfType<ErrorResponse>())
            Add(operation, error.Status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Description);
        var method = context.Description.HttpMethod ?? "";
        if (method is "POST" or "PATCH" or "PUT" && operation.RequestBody is not null)
        {
            Add(operation, "400", "invalid_body: malformed JSON, a wrong type, a missing required field, an unknown value, or an unknown or read-only field; the message names the field.");
            Add(operation, "415", "unsupported_media_type: send Content-Type: application/json.");
            Add(operation, "413", "payload_too_large: the body is larger than the server accepts (a JSON body: Api:MaxJsonBodyBytes; a CV: 10 MB).");
        }
        else if (metadata.OfType<PagingMetadata>().Any())
        {
            Add(operation, "400", "invalid_body: a query parameter is invalid (page ≥ 1, per_page 1..100, a filter's value, or a cursor this listing did not give out); param names it.");
        }
        if (context.Description.RelativePath?.Contains('{') == true)
            Add(operation, "404", "not_found: the resource does not exist or belongs to another organization (identical answers).");
        if (scopes is not null)
        {
            Add(operation, "429", "rate_limited: the organization's requests per minute (by plan) are used up; retry after Retry-After seconds.");
            if (method == "POST")
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Idempotency-Key",
                    In = ParameterLocation.Header,
                    Description = "Makes a retry safe: the first answer to this key (1-255 printable ASCII characters) is kept 24 hours and " +
                                  "replayed, byte for byte with Idempotent-Replayed: true, to a retry with the same request.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 255 },
                });
                AddOrAppend(operation, "409", "idempotency_conflict: a request with this Idempotency-Key is still running; retry after Retry-After.");
                Add(operation, "422", "idempotency_conflict: this Idempotency-Key was used for a different request (method, path or body).");
            }
        }
        if (isAuthorized || scopes is not null)
        {
            Add(operation, "500", "internal: unexpected; safe to retry. Never a stack trace.");
            Add(operation, "503", "unavailable: the database is unreachable or overloaded; see Retry-After.");
        }
        if (scopes is not null)
        {
            foreach (var (status, response) in operation.Responses)
            {
                if (response is not OpenApiResponse concrete || status is "401") continue;
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                foreach (var (name, description) in RateLimitHeaders)
                    concrete.Headers.TryAdd(name, new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } });
                if (status is "429" or "503" || (status == "409" && method == "POST"))
                    concrete.Headers.TryAdd("Retry-After", new OpenApiHeader
                    {
                        Description = "Whole seconds to wait before retrying (at least 1).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    });
            }
        }
        if (operation.Responses.TryGetValue("201", out var created) && created is OpenApiResponse createdResponse)
        {
            createdResponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
            createdResponse.Headers["Location"] = new OpenApiHeader
            {
                Description = "The path of the created resource.",
                Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            };
        }
        await DescribeBodiesAsync(operation, context, cancellationToken);
    }

    /// <summary>Path ids are UUIDs; the query parameters' types, formats and closed sets (bound by hand, so invisible to the generator).</summary>
    private static void DescribeParameters(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Path)
            {
                parameter.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" };
                parameter.Description ??= "An id (UUID); an unknown one, or one of another organization, is 404.";
                continue;
            }
            if (parameter.In != ParameterLocation.Query) continue;
            var values = ContractVocabulary.QueryValues(operation.OperationId ?? "", parameter.Name ?? "");
            var repeatable = parameter.Name is "status" or "kind" or "state";
            OpenApiSchema item = (parameter.Name, values) switch
            {
                (_, { } closed) => new OpenApiSchema { Type = JsonSchemaType.String, Enum = closed.Select(v => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(v)!).ToList() },
                ("stage_id" or "assigned_to", _) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
                ("updated_since", _) => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
                ("overdue", _) => new OpenApiSchema { Type = JsonSchemaType.Boolean },
                ("search", _) => new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                _ => new OpenApiSchema { Type = JsonSchemaType.String },
            };
            parameter.Schema = repeatable ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = item } : item;
            if (repeatable)
            {
                parameter.Style = ParameterStyle.Form;
                parameter.Explode = true;
            }
            parameter.Description ??= QueryDescriptions.GetValueOrDefault((operation.OperationId ?? "", parameter.Name ?? ""))
                                      ?? QueryDescriptions.GetValueOrDefault(("", parameter.Name ?? ""));
        }
    }

    private static readonly Dictionary<(string Operation, string Parameter), string> QueryDescriptions = new()
    {
        [("", "type")] = "Only this type.",
        [("ListDossiers", "status")] = "Repeat for any of several statuses, or 'all' for every status. Without it, archived dossiers are left out.",
        [("", "stage_id")] = "Only dossiers currently in this stage.",
        [("", "assigned_to")] = "Only dossiers assigned to this member.",
        [("", "updated_since")] = "Only what changed at or after this time (RFC 3339 with an offset). With status=all, the way to mirror: " +
                                  "archivals included.",
        [("", "overdue")] = "true: past the current stage's deadline; false: not (or no deadline).",
        [("ListContacts", "kind")] = "Repeat for contacts having any of the kinds.",
        [("", "pool")] = "in_pool: pool_until is in the future; expired: in the past.",
        [("", "search")] = "Case-insensitive substring of full_name, email, company or role.",
        [("ListWebhookDeliveries", "state")] = "Repeat for any of several states.",
    };

    /// <summary>
    /// The bodies bound by hand: the CV as PDF bytes or a multipart 'cv' file, its download, and the multipart create
    /// with the dossier's fields and its 'cv' file.
    /// </summary>
    private static async Task DescribeBodiesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        static OpenApiSchema Pdf() => new()
        {
            Type = JsonSchemaType.String,
            Format = "binary",
            ContentMediaType = "application/pdf",
            Description = "A PDF (its bytes start with %PDF-), at most 10 MB (10,485,760 bytes).",
        };
        switch (operation.OperationId)
        {
            case "UploadCv":
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The PDF as the body (application/pdf), or as the 'cv' file of a multipart form.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/pdf"] = new() { Schema = Pdf() },
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "cv" },
                                Properties = new Dictionary<string, IOpenApiSchema> { ["cv"] = Pdf() },
                            },
                        },
                    },
                };
                break;
            case "DownloadCv":
                if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse okResponse)
                    okResponse.Content = new Dictionary<string, OpenApiMediaType> { ["application/pdf"] = new() { Schema = Pdf() } };
                break;
            case "CreateDossier":
                if (operation.RequestBody?.Content is not { } content || !content.ContainsKey("application/json")) break;
                // The form's fields are the JSON body's (each as text, numbers as decimal text), and the 'cv' file.
                var create = await context.GetOrCreateSchemaAsync(typeof(Application.Dossiers.CreateDossier), null, ct);
                var fields = create.Properties?.ToDictionary(p => p.Key, p => p.Value) ?? [];
                fields["cv"] = Pdf();
                content["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "type", "name" },
                        Properties = fields,
                    },
                    Encoding = new Dictionary<string, OpenApiEncoding> { ["cv"] = new() { ContentType = "application/pdf" } },
                };
                break;
        }
    }

    private static readonly (string Name, string Description)[] RateLimitHeaders =
    [
        ("X-RateLimit-Limit", "Requests per minute the organization's plan allows."),
        ("X-RateLimit-Remaining", "Requests left in the organization's budget now."),
        ("X-RateLimit-Reset", "Seconds until the budget is full again (a duration, not a time)."),
    ];

    private static OpenApiParameter IntegerQuery(string name, string description, int minimum, int? maximum) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Minimum = minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    private static void AddOrAppend(OpenApiOperation operation, string status, string description)
    {
        if (operation.Responses!.TryGetValue(status, out var existing) && existing is OpenApiResponse concrete)
            concrete.Description = $"{concrete.Description} Or {description}";
        else
            Add(operation, status, description);
    }

    private static void Add(OpenApiOperation operation, string status, string description) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse { Description = description });
}
