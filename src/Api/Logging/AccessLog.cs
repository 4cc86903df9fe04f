using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadGrid.Api.Auth;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace LeadGrid.Api.Logging;

/// <summary>
/// The access log: one line per request when it ends, with what an operator looks for: method, path, the route
/// template (the path with its ids generalised), status, duration, the request id the client saw in
/// <c>X-Request-Id</c>, and, once the request is authenticated, the organization and the key's non-secret display
/// prefix. No header, query or body is logged. Its category is <see cref="Category"/>: at <c>Warning</c> the log is off.
/// </summary>
/// <remarks>
/// With the default console log (JSON lines, no scopes, the only provider) each line is written by
/// <see cref="AccessLogSink"/>, straight into a batch flushed to standard output: no allocation per request. Issue 20
/// measured the framework's HTTP logging at a fifth of a point read's throughput. Any other set-up (the simple or
/// systemd format, scopes on, another provider) gets the same fields as an ordinary log entry.
/// </remarks>
internal sealed partial class AccessLogMiddleware
{
    public const string Category = "LeadGrid.Api.AccessLog";

    private readonly RequestDelegate _next;
    private readonly ILogger _logger;
    private readonly AccessLogSink? _sink;

    public AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers, IEnumerable<ILoggerProvider> providers,
        IOptions<ConsoleLoggerOptions> console, IOptions<JsonConsoleFormatterOptions> json, AccessLogSink sink)
    {
        _next = next;
        _logger = loggers.CreateLogger(Category);
        var onlyConsole = providers.Count() == 1 && providers.Single() is ConsoleLoggerProvider;
        _sink = onlyConsole && console.Value.FormatterName == ConsoleFormatterNames.Json && !json.Value.IncludeScopes ? sink : null;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await _next(context);
            return;
        }
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            Write(context, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private void Write(HttpContext context, double durationMs)
    {
        // An error answered by the exception handler has no endpoint any more; the feature keeps the one that failed.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
        var raw = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var template = raw is { Length: > 1 } ? raw.AsSpan().TrimEnd('/') : raw;
        var entry = new AccessLogEntry(context.Request.Method, context.Request.Path.Value ?? "", template, context.Response.StatusCode, durationMs,
            context.TraceIdentifier, context.User.FindFirst(ApiClaims.OrganizationId)?.Value, context.User.FindFirst(ApiClaims.KeyPrefix)?.Value);
        if (_sink is not null)
            _sink.Write(entry);
        else
            Log(_logger, entry.Method, entry.Path, entry.StatusCode, durationMs, template.IsEmpty ? null : template.ToString(),
                entry.RequestId, entry.OrganizationId, entry.KeyPrefix);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Path} answered {StatusCode} in {Duration:0.000} ms (RouteTemplate {RouteTemplate}, RequestId {RequestId}, OrganizationId {OrganizationId}, KeyPrefix {KeyPrefix})")]
    private static partial void Log(ILogger logger, string method, string path, int statusCode, double duration, string? routeTemplate,
        string requestId, string? organizationId, string? keyPrefix);
}

/// <summary>One access line's fields.</summary>
internal readonly ref struct AccessLogEntry(string method, string path, ReadOnlySpan<char> routeTemplate, int statusCode, double durationMs,
    string requestId, string? organizationId, string? keyPrefix)
{
    public string Method { get; } = method;
    public string Path { get; } = path;
    /// <summary>The route template; empty when the request matched no endpoint (written as null).</summary>
    public ReadOnlySpan<char> RouteTemplate { get; } = routeTemplate;
    public int StatusCode { get; } = statusCode;
    public double DurationMs { get; } = durationMs;
    public string RequestId { get; } = requestId;
    public string? OrganizationId { get; } = organizationId;
    public string? KeyPrefix { get; } = keyPrefix;
}

/// <summary>
/// The access lines' writer: each line is written as JSON into a per-thread buffer (the console JSON formatter's
/// shape: Timestamp, EventId, LogLevel, Category, Message, State with the fields) and appended to a batch; a
/// background loop hands the batch to standard output every <see cref="FlushInterval"/> or when it passes
/// <see cref="FlushBytes"/>, through <see cref="Console.Out"/>, whose lock keeps the console logger's own lines whole
/// beside them. A batch that reaches <see cref="MaxPendingBytes"/> (standard output stalled) is written by the request
/// that fills it, so the log waits like the console logger's full queue does, and drops nothing. Disposal (shutdown)
/// writes what is pending.
/// </summary>
internal sealed class AccessLogSink : IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);
    public const int FlushBytes = 64 * 1024;
    public const int MaxPendingBytes = 4 * 1024 * 1024;

    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("Timestamp");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("EventId");
    private static readonly JsonEncodedText LogLevelName = JsonEncodedText.Encode("LogLevel");
    private static readonly JsonEncodedText Information = JsonEncodedText.Encode("Information");
    private static readonly JsonEncodedText CategoryName = JsonEncodedText.Encode("Category");
    private static readonly JsonEncodedText CategoryValue = JsonEncodedText.Encode(AccessLogMiddleware.Category);
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("Message");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("State");
    private static readonly JsonEncodedText Method = JsonEncodedText.Encode("Method");
    private static readonly JsonEncodedText Path = JsonEncodedText.Encode("Path");
    private static readonly JsonEncodedText RouteTemplate = JsonEncodedText.Encode("RouteTemplate");
    private static readonly JsonEncodedText StatusCode = JsonEncodedText.Encode("StatusCode");
    private static readonly JsonEncodedText Duration = JsonEncodedText.Encode("Duration");
    private static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("RequestId");
    private static readonly JsonEncodedText OrganizationId = JsonEncodedText.Encode("OrganizationId");
    private static readonly JsonEncodedText KeyPrefix = JsonEncodedText.Encode("KeyPrefix");

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_line;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    private readonly TextWriter _out;
    private readonly Lock _gate = new();
    private readonly Lock _writing = new();
    private byte[] _pending = new byte[FlushBytes * 2];
    private byte[] _spare = new byte[FlushBytes * 2];
    private int _length;
    private bool _disposed; // under _gate: after it, a request that ends during shutdown writes its own line
    private readonly SemaphoreSlim _full = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public AccessLogSink() : this(Console.Out)
    {
    }

    public AccessLogSink(TextWriter output)
    {
        _out = output;
        _loop = Task.Run(LoopAsync);
    }

    public void Write(in AccessLogEntry entry)
    {
        var line = t_line ??= new ArrayBufferWriter<byte>(512);
        line.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(line);
        json.Reset(line);
        WriteLine(json, entry);
        json.Flush();
        line.Write("\n"u8);
        Append(line.WrittenSpan);
    }

    private static void WriteLine(Utf8JsonWriter json, in AccessLogEntry entry)
    {
        Span<byte> stamp = stackalloc byte[32];
        DateTime.UtcNow.TryFormat(stamp, out var stampLength, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        json.WriteStartObject();
        json.WriteString(Timestamp, stamp[..stampLength]);
        json.WriteNumber(EventId, 1);
        json.WriteString(LogLevelName, Information);
        json.WriteString(CategoryName, CategoryValue);
        WriteMessage(json, entry);
        json.WriteStartObject(State);
        json.WriteString(Method, entry.Method);
        json.WriteString(Path, entry.Path);
        if (entry.RouteTemplate.IsEmpty) json.WriteNull(RouteTemplate);
        else json.WriteString(RouteTemplate, entry.RouteTemplate);
        json.WriteNumber(StatusCode, entry.StatusCode);
        json.WriteNumber(Duration, Math.Round(entry.DurationMs, 3));
        json.WriteString(RequestId, entry.RequestId);
        json.WriteString(OrganizationId, entry.OrganizationId);
        json.WriteString(KeyPrefix, entry.KeyPrefix);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>"GET /api/v1/flows answered 200 in 1.234 ms", composed without a string.</summary>
    private static void WriteMessage(Utf8JsonWriter json, in AccessLogEntry entry)
    {
        var length = entry.Method.Length + entry.Path.Length + 48;
        char[]? rented = null;
        Span<char> chars = length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(length));
        var written = 0;
        entry.Method.AsSpan().CopyTo(chars);
        written += entry.Method.Length;
        chars[written++] = ' ';
        entry.Path.AsSpan().CopyTo(chars[written..]);
        written += entry.Path.Length;
        " answered ".AsSpan().CopyTo(chars[written..]);
        written += " answered ".Length;
        entry.StatusCode.TryFormat(chars[written..], out var n, default, CultureInfo.InvariantCulture);
        written += n;
        " in ".AsSpan().CopyTo(chars[written..]);
        written += " in ".Length;
        entry.DurationMs.TryFormat(chars[written..], out n, "0.000", CultureInfo.InvariantCulture);
        written += n;
        " ms".AsSpan().CopyTo(chars[written..]);
        written += " ms".Length;
        json.WriteString(Message, chars[..written]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
    }

    private void Append(ReadOnlySpan<byte> line)
    {
        while (true)
        {
            bool disposed;
            lock (_gate)
            {
                disposed = _disposed;
                if (_length + line.Length <= MaxPendingBytes)
                {
                    if (_length + line.Length > _pending.Length)
                        Array.Resize(ref _pending, Math.Min(MaxPendingBytes, Math.Max(_pending.Length * 2, _length + line.Length)));
                    line.CopyTo(_pending.AsSpan(_length));
                    _length += line.Length;
                    if (_length >= FlushBytes && !disposed && _full.CurrentCount == 0)
                        _full.Release();
                    if (!disposed) return;
                }
            }
            Flush(); // standard output is behind, or the loop has stopped (shutdown): this request writes the batch itself
            if (disposed) return;
        }
    }

    /// <summary>Writes the pending batch: swaps it for the spare buffer, then writes it outside the appenders' lock.</summary>
    private void Flush()
    {
        lock (_writing)
        {
            byte[] batch;
            int length;
            lock (_gate)
            {
                if (_length == 0) return;
                (batch, length) = (_pending, _length);
                (_pending, _spare, _length) = (_spare.Length >= FlushBytes * 2 ? _spare : new byte[FlushBytes * 2], batch, 0);
            }
            var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(length));
            try
            {
                var count = Encoding.UTF8.GetChars(batch, 0, length, chars, 0);
                _out.Write(chars, 0, count);
                _out.Flush();
            }
            catch (IOException)
            {
                // Standard output is gone (the reader exited): nothing left to log to.
            }
            finally
            {
                ArrayPool<char>.Shared.Return(chars);
            }
        }
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _full.WaitAsync(FlushInterval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate) _disposed = true;
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        Flush();
        _stop.Dispose();
        _full.Dispose();
    }
}

internal static class AccessLog
{
    public static IServiceCollection AddAccessLog(this IServiceCollection services) => services.AddSingleton<AccessLogSink>();

    public static IApplicationBuilder UseAccessLog(this IApplicationBuilder app) => app.UseMiddleware<AccessLogMiddleware>();
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
