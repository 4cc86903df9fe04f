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
        [ErrorCodes.InvalidBody] = StatusCodes.Status400BadRequest,
        [ErrorCodes.NotFound] = StatusCodes.Status404NotFound,
        [ErrorCodes.DuplicateContact] = StatusCodes.Status409Conflict,
        [ErrorCodes.DuplicateMember] = StatusCodes.Status409Conflict,
        [ErrorCodes.Conflict] = StatusCodes.Status409Conflict,
        [ErrorCodes.EndpointDisabled] = StatusCodes.Status409Conflict,
        [ErrorCodes.IdempotencyConflict] = StatusCodes.Status409Conflict,
        [ErrorCodes.PayloadTooLarge] = StatusCodes.Status413PayloadTooLarge,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client went away; nobody is left to answer

        var error = databaseErrors.Translate(exception) ?? exception;
        var (status, code, message, param) = error switch
        {
            HttpInputException input => (input.Status, input.Code, input.Message, input.Param),
            ValidationException validation => (400, ErrorCodes.InvalidBody, FirstMessage(validation), FirstParam(validation)),
            DomainException domain => (StatusOfCode.GetValueOrDefault(domain.Code, 400), domain.Code, domain.Message, domain.Param),
            NotFoundException notFound => (404, ErrorCodes.NotFound, notFound.Message, null),
            ConflictException conflict => (StatusOfCode.GetValueOrDefault(conflict.Code, 409), conflict.Code, conflict.Message, conflict.Param),
            UnavailableException unavailable => (503, ErrorCodes.Unavailable, unavailable.Message, null),
            BadHttpRequestException { StatusCode: 413 } => (413, ErrorCodes.PayloadTooLarge, "The request body is larger than the server accepts.", null),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.InvalidBody, "The request could not be read.", null),
            _ => (500, ErrorCodes.Internal, "An unexpected error occurred. It is safe to retry.", (string?)null),
        };

        if (status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed with {Status} {Code} (RequestId {RequestId})", context.Request.Method,
                context.Request.Path.Value, status, code, context.TraceIdentifier);
        if (status == 503)
            context.Response.Headers.RetryAfter = "5";
        await ErrorWriter.WriteAsync(context, status, code, message, param);
        return true;
    }

    /// <summary>The field of the first failed rule, as the API names it (the validators' names are snake_case paths: <c>kind[1]</c>).</summary>
    private static string? FirstParam(ValidationException validation) =>
        validation.Errors.FirstOrDefault() is { } first
            ? ErrorParam.Leading(first.ErrorMessage) ?? (first.PropertyName is { Length: > 0 } name ? name : null)
            : null;

    private static string FirstMessage(ValidationException validation) =>
        validation.Errors.FirstOrDefault()?.ErrorMessage ?? "The request is invalid.";
}
