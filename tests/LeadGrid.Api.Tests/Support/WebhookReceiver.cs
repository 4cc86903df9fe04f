using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LeadGrid.Api.Tests.Support;

/// <summary>A request the receiver got.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At)
{
    public string EventId => Headers["X-LeadGrid-Event-Id"];
    public string Signature => Headers["X-LeadGrid-Signature"];

    /// <summary>The signature's <c>t</c>.</summary>
    public long Timestamp => long.Parse(Signature.Split(',')[0]["t=".Length..]);

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>What the receiver answers: a status, headers, a body, after a delay.</summary>
public sealed record ReceiverAnswer(int Status = 200, string? Body = "ok", TimeSpan Delay = default,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A real HTTP server on a loopback port that records every webhook request and answers as the test tells it
/// (by default 200). Paths tell endpoints apart: <see cref="UrlFor"/>.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private Func<ReceivedWebhook, int, ReceiverAnswer> _answer = (_, _) => new ReceiverAnswer();

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    public string BaseUrl => _app.Urls.First();

    public string UrlFor(string path) => $"{BaseUrl}/{path.TrimStart('/')}";

    public IReadOnlyList<ReceivedWebhook> Received => _received.ToArray();

    public IReadOnlyList<ReceivedWebhook> ReceivedOn(string path) => _received.Where(r => r.Path == "/" + path.TrimStart('/')).ToArray();

    /// <summary>How to answer a request: given it and how many requests for the same path came before it.</summary>
    public void AnswerWith(Func<ReceivedWebhook, int, ReceiverAnswer> answer) => _answer = answer;

    /// <summary>Waits until at least <paramref name="count"/> requests matching <paramref name="match"/> have come.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, Func<ReceivedWebhook, bool>? match = null, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = _received.Where(r => match?.Invoke(r) ?? true).ToArray();
            if (found.Length >= count) return found;
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"Expected {count} webhook requests, got {found.Length} in {deadline.Elapsed.TotalSeconds:0.#} s " +
                                           $"(all received: {_received.Count}).");
            await Task.Delay(25);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedWebhook(context.Request.Path.Value ?? "/", headers, body, DateTimeOffset.UtcNow);
        var earlier = _received.Count(r => r.Path == request.Path);
        _received.Enqueue(request);
        var answer = _answer(request, earlier);
        if (answer.Delay > TimeSpan.Zero)
            await Task.Delay(answer.Delay, context.RequestAborted).ContinueWith(_ => { });
        if (context.RequestAborted.IsCancellationRequested) return;
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        if (answer.Body is not null)
            await context.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
