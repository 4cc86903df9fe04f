using LeadGrid.Api.Auth;
using Microsoft.AspNetCore.HttpLogging;

namespace LeadGrid.Api.Logging;

/// <summary>
/// The access log: ASP.NET Core's HTTP logging writes one line per request when it ends (method, path, status,
/// duration; <c>CombineLogs</c>), and this interceptor adds what an operator looks for: the route template (the path
/// with its ids generalised), the request id the client saw in <c>X-Request-Id</c>, and, once the request is
/// authenticated, the organization and the key's non-secret display prefix. No header, query or body is logged.
/// </summary>
internal sealed class AccessLogFields : IHttpLoggingInterceptor
{
    public const string Category = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext)
    {
        var context = logContext.HttpContext;
        // An error answered by the exception handler has no endpoint any more; the feature keeps the one that failed.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
        var template = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        logContext.AddParameter("RouteTemplate", template is { Length: > 1 } ? template.TrimEnd('/') : template);
        logContext.AddParameter("RequestId", context.TraceIdentifier);
        logContext.AddParameter("OrganizationId", context.User.FindFirst(ApiClaims.OrganizationId)?.Value);
        logContext.AddParameter("KeyPrefix", context.User.FindFirst(ApiClaims.KeyPrefix)?.Value);
        return ValueTask.CompletedTask;
    }
}

internal static class AccessLog
{
    public static IServiceCollection AddAccessLog(this IServiceCollection services)
    {
        services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath
                              | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        return services.AddHttpLoggingInterceptor<AccessLogFields>();
    }
}

/// <summary>
/// A failed authentication, logged once at Information with its reason (the framework's own two lines per failure —
/// "not authenticated" and "challenged" — are turned down to Warning in the logging defaults).
/// </summary>
internal static partial class AuthenticationFailureLog
{
    public const string Category = "LeadGrid.Api.Auth.AuthenticationFailures";

    public static void Failed(HttpContext context, string scheme, string reason) =>
        Log(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category), scheme, reason,
            context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information,
        Message = "Authentication failed ({Scheme}): {Reason} {Method} {Path} from {RemoteAddress} (RequestId {RequestId})")]
    private static partial void Log(ILogger logger, string scheme, string reason, string method, string? path, string? remoteAddress, string requestId);
}
