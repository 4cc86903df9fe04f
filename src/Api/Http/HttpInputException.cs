using LeadGrid.Api.Errors;

namespace LeadGrid.Api.Http;

/// <summary>The request itself is unusable before any use case runs: a bad body, media type or query parameter.</summary>
public sealed class HttpInputException(int status, string code, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    /// <summary>The field, query parameter or header the error concerns (SPEC §2 <c>param</c>), or null.</summary>
    public string? Param { get; } = param;

    /// <summary>The request as a whole cannot be used (malformed JSON, a broken multipart body).</summary>
    public static HttpInputException InvalidBody(string message, string? param = null) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, message, param);

    /// <summary>One input is refused: <paramref name="detail"/> says why, after its quoted name (the one message shape).</summary>
    public static HttpInputException Invalid(string param, string detail) => InvalidBody($"'{param}' {detail}", param);

    public static HttpInputException PayloadTooLarge(string message) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, message);

    public static HttpInputException UnsupportedMediaType(string message) =>
        new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, message);
}
