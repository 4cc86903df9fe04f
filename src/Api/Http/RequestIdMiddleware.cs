namespace LeadGrid.Api.Http;

/// <summary>
/// Every response carries <c>X-Request-Id</c>: the caller's, when it is a sane token, else a new one. It becomes the
/// request's trace identifier, which the access line and every Information-or-above line about the request name as
/// <c>RequestId</c>, and a logging scope (<c>XRequestId</c>; ASP.NET's own <c>RequestId</c> scope is connection-based)
/// for when scopes are written (<c>Logging:Console:FormatterOptions:IncludeScopes</c>, off by default for speed).
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var requestId = IsSane(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.OnStarting(() =>
        {
            // Set when the answer starts: the exception handler clears headers set earlier.
            context.Response.Headers[Header] = requestId;
            return Task.CompletedTask;
        });
        using (logger.BeginScope("X-Request-Id:{XRequestId}", requestId))
            await next(context);
    }

    private static bool IsSane(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
