using FluentValidation;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;

namespace LeadGrid.Api.Errors;

/// <summary>An error as the API answers it (SPEC §2): status, stable code, message, and the input it concerns.</summary>
public sealed record ApiError(int Status, string Code, string Message, string? Param)
{
    /// <summary>
    /// The one place the layers' exceptions become answers. A domain error or conflict names its input by its C#
    /// member (<c>FullName</c>, <c>Kind[1]</c>); here it gets its name on the wire (<c>full_name</c>), which is the
    /// <c>param</c> and the name the message starts with. Null for what is no input error (an unexpected failure).
    /// </summary>
    public static ApiError? From(Exception error) => error switch
    {
        HttpInputException input => new(input.Status, input.Code, input.Message, input.Param),
        ValidationException validation => Validation(validation),
        DomainException domain => Domain(domain),
        NotFoundException notFound => new(404, ErrorCodes.NotFound, notFound.Message, null),
        ConflictException conflict => new(409, conflict.Conflict switch
        {
            Conflict.DuplicateContact => ErrorCodes.DuplicateContact,
            Conflict.DuplicateMember => ErrorCodes.DuplicateMember,
            _ => ErrorCodes.Conflict,
        }, conflict.Message, WireName(conflict.Member)),
        UnavailableException unavailable => new(503, ErrorCodes.Unavailable, unavailable.Message, null),
        BadHttpRequestException { StatusCode: 413 } => new(413, ErrorCodes.PayloadTooLarge, "The request body is larger than the server accepts.", null),
        BadHttpRequestException bad => new(bad.StatusCode, ErrorCodes.InvalidBody, "The request could not be read.", null),
        _ => null,
    };

    private static ApiError Domain(DomainException domain)
    {
        var (status, code) = domain.Error switch
        {
            DomainError.TooLarge => (413, ErrorCodes.PayloadTooLarge),
            DomainError.EndpointDisabled => (409, ErrorCodes.EndpointDisabled),
            _ => (400, ErrorCodes.InvalidBody),
        };
        var param = WireName(domain.Member);
        return new(status, code, param is null ? domain.Detail : $"'{param}' {domain.Detail}", param);
    }

    /// <summary>The first failed rule; the validators' property names are already the wire's (<c>kind[1]</c>).</summary>
    private static ApiError Validation(ValidationException validation) =>
        validation.Errors.FirstOrDefault() is { } first
            ? new(400, ErrorCodes.InvalidBody, first.ErrorMessage, first.PropertyName is { Length: > 0 } name ? name : null)
            : new(400, ErrorCodes.InvalidBody, "The request is invalid.", null);

    private static string? WireName(string? member) => member is null ? null : SnakeCase.Of(member);
}

/// <summary>
/// Writes every exception as the <c>{"error": {code, message}}</c> envelope (<see cref="ApiError.From"/>). Unexpected
/// ones are logged with the request id and answered 500 <c>internal</c> without a stack trace or SQL.
/// </summary>
internal sealed class ErrorEnvelopeHandler(IDatabaseErrorTranslator databaseErrors, ILogger<ErrorEnvelopeHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            return true; // the client went away; nobody is left to answer

        var error = ApiError.From(databaseErrors.Translate(exception) ?? exception)
                    ?? new ApiError(500, ErrorCodes.Internal, "An unexpected error occurred. It is safe to retry.", null);
        if (error.Status >= 500)
            logger.LogError(exception, "Request {Method} {Path} failed with {Status} {Code} (RequestId {RequestId})", context.Request.Method,
                context.Request.Path.Value, error.Status, error.Code, context.TraceIdentifier);
        if (error.Status == 503)
            context.Response.Headers.RetryAfter = "5";
        await ErrorWriter.WriteAsync(context, error.Status, error.Code, error.Message, error.Param);
        return true;
    }
}
