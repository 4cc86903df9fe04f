using System.Text.Json.Nodes;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// Adds to each operation what an integrator needs and the framework cannot see: the scopes it requires
/// (<c>x-required-scopes</c> and in the description) and the errors it can answer, in the order the server checks them.
/// </summary>
/// <summary>Endpoint metadata: an error an endpoint answers beyond those every endpoint of its kind does.</summary>
public sealed record ErrorResponse(int Status, string Description);

internal sealed class ErrorsAndScopesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
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
        }
        else if (metadata.OfType<PagingMetadata>().Any())
        {
            Add(operation, "400", "invalid_body: a query parameter is invalid (page ≥ 1, per_page 1..100, or a filter's value); the message names it.");
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
        return Task.CompletedTask;
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
