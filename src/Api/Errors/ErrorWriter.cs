using Microsoft.AspNetCore.Diagnostics;
using LeadGrid.Api.Http;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LeadGrid.Api.Errors;

/// <summary>Writes the error envelope; also answers the bodiless statuses routing produces (404 unknown route, 405).</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message, string? param = null)
    {
        context.Response.StatusCode = status;
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(new Error(code, message, param)), options,
            contentType: "application/json; charset=utf-8");
    }

    /// <summary>For <c>UseStatusCodePages</c>: a status set without a body still gets the envelope.</summary>
    public static Task ForBodilessStatus(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            404 => WriteAsync(context, 404, "not_found", $"No route matches {request.Method} {request.Path}."),
            405 => WriteAsync(context, 405, "method_not_allowed",
                $"{request.Method} is not allowed on {request.Path}; allowed: {context.Response.Headers.Allow}."),
            415 => WriteAsync(context, 415, "unsupported_media_type", "This content type is not supported here."),
            413 => WriteAsync(context, 413, "payload_too_large", "The request body is larger than the server accepts."),
            var other and >= 400 and < 500 => WriteAsync(context, other, "invalid_body", "The request could not be processed."),
            var other => WriteAsync(context, other, "internal", "An unexpected error occurred. It is safe to retry."),
        };
    }
}
