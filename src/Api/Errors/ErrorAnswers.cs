using Microsoft.AspNetCore.Http.Metadata;

namespace LeadGrid.Api.Errors;

/// <summary>
/// Endpoint metadata: an error answer an endpoint can give, with its status, its stable code and what it means. The
/// OpenAPI document lists each with the envelope and an example. The answers every endpoint of a kind gives are added
/// where that kind is declared: by <c>RequireScopes</c>, the operator group, the body binders and <c>Paging</c>.
/// </summary>
public sealed record ErrorAnswer(int Status, string Code, string Meaning) : IProducesResponseTypeMetadata
{
    public Type Type => typeof(Http.ErrorResponse);
    public int StatusCode => Status;
    public string Description => $"{Code}: {Meaning}";
    public IEnumerable<string> ContentTypes { get; } = ["application/json"];

    /// <summary>Its first sentence as a message, as the server would write it.</summary>
    public string Message
    {
        get
        {
            var end = Meaning.IndexOf(". ", StringComparison.Ordinal);
            var text = end > 0 ? Meaning[..(end + 1)] : Meaning;
            return char.ToUpperInvariant(text[0]) + text[1..];
        }
    }
}

public static class ErrorAnswers
{
    public static readonly ErrorAnswer BadKey = new(401, ErrorCodes.Unauthorized,
        "the Authorization header is missing, not Bearer, or the key is malformed, unknown, revoked or expired.");
    public static readonly ErrorAnswer BadOperatorToken = new(401, ErrorCodes.Unauthorized, "the operator token (Admin:Token) is missing or wrong.");
    public static readonly ErrorAnswer PlanRequired = new(402, ErrorCodes.PlanRequired, "the organization's plan does not include the API (growth).");
    public static readonly ErrorAnswer RateLimited = new(429, ErrorCodes.RateLimited,
        "the organization's requests per minute (by plan) are used up; retry after Retry-After seconds.");
    public static readonly ErrorAnswer Internal = new(500, ErrorCodes.Internal, "unexpected; safe to retry. Never a stack trace.");
    public static readonly ErrorAnswer Unavailable = new(503, ErrorCodes.Unavailable, "the database is unreachable or overloaded; see Retry-After.");
    public static readonly ErrorAnswer NotFound = new(404, ErrorCodes.NotFound,
        "the resource does not exist or belongs to another organization (identical answers).");
    public static readonly ErrorAnswer InvalidQuery = new(400, ErrorCodes.InvalidBody,
        $"a query parameter is invalid (page ≥ 1, per_page 1..{Application.Common.PageRequest.MaxPerPage}, a filter's value, or a cursor this listing did not give out); param names it.");
    public static readonly ErrorAnswer StillRunning = new(409, ErrorCodes.IdempotencyConflict,
        "a request with this Idempotency-Key is still running; retry after Retry-After.");
    public static readonly ErrorAnswer KeyReused = new(422, ErrorCodes.IdempotencyConflict,
        "this Idempotency-Key was used for a different request (method, path or body).");

    /// <summary>What a POST that takes an Idempotency-Key can answer about it.</summary>
    public static readonly ErrorAnswer[] Idempotency = [StillRunning, KeyReused];

    /// <summary>What any endpoint that takes a body can answer about it.</summary>
    public static readonly ErrorAnswer[] Body =
    [
        new(400, ErrorCodes.InvalidBody, "malformed JSON, a wrong type, a missing required field, an unknown value, or an unknown or " +
                                         "read-only field; the message names the field."),
        new(415, ErrorCodes.UnsupportedMediaType, "send Content-Type: application/json."),
        new(413, ErrorCodes.PayloadTooLarge, "the body is larger than the server accepts (a JSON body: Api:MaxJsonBodyBytes; a CV: 10 MB)."),
    ];

    /// <summary>What an endpoint the operator token guards can answer beyond its own errors.</summary>
    public static readonly ErrorAnswer[] Operator = [BadOperatorToken, Internal, Unavailable];

    /// <summary>What an endpoint an API key with <paramref name="scopes"/> guards can answer beyond its own errors.</summary>
    public static ErrorAnswer[] ApiKey(IReadOnlyList<string> scopes) =>
    [
        BadKey, PlanRequired,
        new(403, ErrorCodes.Forbidden, scopes.Count == 1
            ? $"the key lacks {scopes[0]}."
            : $"the key needs {string.Join(" and ", scopes)}; the message names what it lacks."),
        RateLimited, Internal, Unavailable,
    ];

    /// <summary>Every route with an id (<see cref="Http.RouteId"/>) answers 404 for an unknown one, after its own answers.</summary>
    public static TBuilder AnswersNotFoundForIds<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 }) endpoint.Metadata.Add(NotFound);
        });
        return builder;
    }

    /// <summary>Declares errors an endpoint answers (its own, beyond those of its kind).</summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, params ErrorAnswer[] answers) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(answers);
}
