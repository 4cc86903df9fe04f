using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>What came of one request: the answer's status (null when none came), how long it took, what went wrong.</summary>
internal sealed record SendResult(int? StatusCode, int DurationMs, string? Error, string? ResponseBody, TimeSpan? RetryAfter);

/// <summary>
/// Sends one attempt (SPEC §9): <c>POST</c> of the stored body bytes with <c>Content-Type: application/json</c>,
/// <c>User-Agent: LeadGrid-Webhooks/1</c>, <c>X-LeadGrid-Event-Id</c>, <c>X-LeadGrid-Event-Type</c>,
/// <c>X-LeadGrid-Delivery-Id</c> and a fresh <c>X-LeadGrid-Signature</c>. Redirects are not followed, no proxy is used,
/// connections go through the SSRF guard, and the whole attempt — connect, send, and the first 1 KB of the answer,
/// which is all that is read — is bounded by <c>Webhooks:Timeout</c>.
/// </summary>
internal sealed class WebhookSender : IDisposable
{
    public const int ResponseBodyLimit = 1024;
    private static readonly ProductInfoHeaderValue UserAgent = new("LeadGrid-Webhooks", "1");
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _client;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _clock;

    public WebhookSender(WebhookOptions options, WebhookTargets targets, TimeProvider clock)
    {
        _options = options;
        _clock = clock;
        _client = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = targets.ConnectAsync,
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2), // names are resolved (and checked) again at least this often
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            MaxResponseHeadersLength = 64,
        }, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<SendResult> SendAsync(ClaimedDelivery delivery, byte[] body, CancellationToken stopping)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.Add("X-LeadGrid-Event-Id", delivery.EventId);
        request.Headers.Add("X-LeadGrid-Event-Type", delivery.EventType);
        request.Headers.Add("X-LeadGrid-Delivery-Id", delivery.Id.ToString());
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(timestamp, body, delivery.Secret, delivery.PreviousSecret));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.Timeout);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            status = (int)response.StatusCode;
            var head = await ReadHeadAsync(response.Content, timeout.Token);
            return new SendResult(status, Elapsed(started), Describe(response), head, RetryAfter(response));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new SendResult(status, Elapsed(started),
                $"timed out after {_options.Timeout.TotalSeconds:0.###} s{(status is null ? "" : " reading the answer")}", null, null);
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(status, Elapsed(started), Describe(ex), null, null);
        }
    }

    /// <summary>The first <see cref="ResponseBodyLimit"/> bytes of the answer as text (NULs dropped: they cannot be stored).</summary>
    private static async Task<string?> ReadHeadAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[ResponseBodyLimit];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), ct)) > 0)
            total += read;
        if (total == 0) return null;
        var text = new UTF8Encoding(false, false).GetString(buffer, 0, total);
        return text.Contains('\0') ? text.Replace("\0", "") : text;
    }

    private static string? Describe(HttpResponseMessage response) => (int)response.StatusCode switch
    {
        >= 200 and < 300 => null,
        >= 300 and < 400 => response.Headers.Location is { } location
            ? $"redirect to {location} not followed"
            : "redirect not followed",
        410 => "410 Gone: the endpoint is disabled",
        _ => null,
    };

    private static string Describe(HttpRequestException ex)
    {
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case RefusedTargetException refused:
                    return "refused: " + refused.Message;
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection refused",
                        SocketError.HostNotFound or SocketError.NoData => "host not found",
                        SocketError.TimedOut => "connection timed out",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "host unreachable",
                        var other => $"connection failed ({other})",
                    };
                case AuthenticationException tls:
                    return "TLS handshake failed: " + tls.Message;
            }
        }
        return ex.HttpRequestError switch
        {
            HttpRequestError.ResponseEnded => "the connection closed before a complete answer",
            HttpRequestError.InvalidResponse => "the answer was not valid HTTP",
            HttpRequestError.ConfigurationLimitExceeded => "the answer's headers exceed 64 KB",
            _ => ex.Message,
        };
    }

    /// <summary>Retry-After on 429 and 503 (SPEC §9), in seconds or as a date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not { } retryAfter)
            return null;
        var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - _clock.GetUtcNow() : null);
        return wait > TimeSpan.Zero ? wait : null;
    }

    private static int Elapsed(long started) => (int)Math.Min(Stopwatch.GetElapsedTime(started).TotalMilliseconds, int.MaxValue);

    public void Dispose() => _client.Dispose();
}
