namespace LeadGrid.Api.Errors;

/// <summary>The stable error codes of the API's envelope (SPEC §2), in one place.</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string PlanRequired = "plan_required";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string InvalidBody = "invalid_body";
    public const string DuplicateContact = "duplicate_contact";
    public const string DuplicateMember = "duplicate_member";
    public const string Conflict = "conflict";
    public const string EndpointDisabled = "endpoint_disabled";
    public const string IdempotencyConflict = "idempotency_conflict";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string RateLimited = "rate_limited";
    public const string Internal = "internal";
    public const string Unavailable = "unavailable";

    /// <summary>Every code, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(ErrorCodes).GetFields()
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
}
