using LeadGrid.Domain.Common;

namespace LeadGrid.Api.Http;

/// <summary>The request itself is unusable before any use case runs: a bad body, media type or query parameter.</summary>
public sealed class HttpInputException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;

    public static HttpInputException InvalidBody(string message) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidBody, message);

    public static HttpInputException PayloadTooLarge(string message) =>
        new(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, message);

    public static HttpInputException UnsupportedMediaType(string message) =>
        new(StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, message);
}
