using FluentValidation;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace LeadGrid.Api.Errors;

/// <summary>
/// The one place exceptions become the <c>{"error": {code, message}}</c> envelope. Unexpected ones are logged with the
/// request id and answered 500 <c>internal</c> without a stack trace or SQL.
/// </summary>
internal sealed class ErrorEnvelopeHandler(IDatabaseErrorTranslator databaseErrors, ILogger<ErrorEnvelopeHandler> logger)
    : IExceptionHandler
{
    /// <summary>Status of each stable error code a domain rule or conflict may carry.</summary>
    private static readonly Dictionary<string, int> StatusOfCode = new(StringComparer.Ordinal)
    {
        ["invalid_body"] = StatusCodes.Status400BadRequest,
        ["not_found"] = StatusCodes.Status404NotFound,
        ["duplicate_contact"] = StatusCodes.Status409Conflict,
        ["duplicate_member"] = StatusCodes.Status409Conflict,
        ["conflict"] = StatusCodes.Status409Conflict,
        ["idempotency_conflict"] = StatusCodes.Status409Conflict,
        ["payload_too_large"] = StatusCodes.Status413PayloadTooLarge,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client went away; nobody is left to answer

        var error = databaseErrors.Translate(exception) ?? exception;
        var (status, code, message) = error switch
        {
            HttpInputException input => (input.Status, input.Code, input.Message),
            ValidationException validation => (400, "invalid_body", FirstMessage(validation)),
            DomainException domain => (StatusOfCode.GetValueOrDefault(domain.Code, 400), domain.Code, domain.Message),
            NotFoundException notFound => (404, "not_found", notFound.Message),
            ConflictException conflict => (StatusOfCode.GetValueOrDefault(conflict.Code, 409), conflict.Code, conflict.Message),
            UnavailableException unavailable => (503, "unavailable", unavailable.Message),
            BadHttpRequestException { StatusCode: 413 } => (413, "payload_too_large", "The request body is larger than the server accepts."),
            BadHttpRequestException bad => (bad.StatusCode, "invalid_body", "The request could not be read."),
            _ => (500, "internal", "An unexpected error occurred. It is safe to retry."),
        };

        if (status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed with {Status} {Code}", context.Request.Method,
                context.Request.Path.Value, status, code);
        if (status == 503)
            context.Response.Headers.RetryAfter = "5";
        await ErrorWriter.WriteAsync(context, status, code, message);
        return true;
    }

    private static string FirstMessage(ValidationException validation) =>
        validation.Errors.FirstOrDefault()?.ErrorMessage ?? "The request is invalid.";
}
