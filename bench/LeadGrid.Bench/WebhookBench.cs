using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using static LeadGrid.Bench.Machine;

namespace LeadGrid.Bench;

/// <summary>
/// Webhook delivery with one dispatcher (the API process) and a local receiver (Kestrel on loopback, answering 200 at
/// once), all on this machine:
/// <list type="bullet">
/// <item>throughput: events committed straight into the outbox (as another instance would), found by the dispatcher's
/// poll; deliveries per second sustained, from the first arrival to the last, for 1 endpoint (its 4 in-flight slots)
/// and for 10 endpoints;</item>
/// <item>latency: dossiers created through the API at a steady rate; commit → receiver is the arrival time minus the
/// dossier's commit time as PostgreSQL recorded it (track_commit_timestamp), one clock for both.</item>
/// </list>
/// </summary>
internal static class WebhookBench
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        await using var receiver = await Receiver.StartAsync();
        using var admin = Client(options.Api, options.AdminToken);
        var org = (await PostAsync(admin, "/admin/v1/organizations", new { name = "Bench", plan = "growth" })).GetProperty("id").GetGuid();
        var key = (await PostAsync(admin, $"/admin/v1/organizations/{org}/api-keys", new { name = "bench", scopes = new[] { "dossiers:write" } }))
            .GetProperty("key").GetString()!;
        var report = new StringBuilder();
        var results = new List<string>();

        Console.WriteLine("warm-up: 2,000 deliveries");
        await ThroughputAsync(admin, receiver, options, org, endpoints: 2, events: 1000);

        foreach (var (endpoints, events) in new[] { (1, 20_000), (10, 5_000) })
        {
            var (deliveries, sustained, firstToLast, commitToLast) = await ThroughputAsync(admin, receiver, options, org, endpoints, events);
            var line = $"| {endpoints} endpoint{(endpoints == 1 ? "" : "s")} × {events:N0} events | {deliveries:N0} | **{sustained:N0}** | " +
                       $"{firstToLast.TotalSeconds:0.00} s | {commitToLast.TotalSeconds:0.00} s |";
            results.Add(line);
            Console.WriteLine(line);
        }

        var latencies = new List<string>();
        foreach (var (rate, count) in new[] { (20, 400), (100, 2_000) })
        {
            var stats = await LatencyAsync(admin, receiver, options, org, key, rate, count);
            var line = $"| {rate}/s × {count:N0} dossiers | {stats.P50:0.0} ms | {stats.P90:0.0} ms | **{stats.P99:0.0} ms** | {stats.Max:0.0} ms |";
            latencies.Add(line);
            Console.WriteLine(line);
        }

        report.AppendLine("# Webhook delivery benchmark").AppendLine()
            .AppendLine($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `./build.sh bench webhooks` at commit `{Git("describe --always --dirty")}`, " +
                        $"on {Environment.ProcessorCount} cores ({CpuModel()}), PostgreSQL {await ServerVersionAsync(options.Connection)} " +
                        "with its default durability (fsync, synchronous commit), the API (one process, one dispatcher), the receiver and " +
                        "this program all on the same machine. Goals (issue 8): ≥ 1,000 deliveries/s sustained; commit → receiver " +
                        "p50 < 50 ms, p99 < 250 ms.")
            .AppendLine()
            .AppendLine("## Throughput: events committed into the outbox, delivered by one dispatcher").AppendLine()
            .AppendLine("| endpoints × events | deliveries | sustained / s (first → last arrival) | first → last | commit → last |")
            .AppendLine("|---|---|---|---|---|");
        results.ForEach(r => report.AppendLine(r));
        report.AppendLine()
            .AppendLine("At most 4 requests are in flight to one endpoint, so one endpoint's rate is bound by its round trip; " +
                        "commit → last includes up to one poll interval (1 s) before the dispatcher sees events another instance committed.")
            .AppendLine()
            .AppendLine("## Latency: dossiers created through the API, commit → receiver").AppendLine()
            .AppendLine("| rate × dossiers | p50 | p90 | p99 | max |")
            .AppendLine("|---|---|---|---|---|");
        latencies.ForEach(l => report.AppendLine(l));
        await File.WriteAllTextAsync(options.Out, report.ToString());
        Console.WriteLine($"\nwritten to {options.Out}");
        return 0;
    }

    private static async Task<(int Deliveries, double Sustained, TimeSpan FirstToLast, TimeSpan CommitToLast)> ThroughputAsync(
        HttpClient admin, Receiver receiver, BenchOptions options, Guid org, int endpoints, int events)
    {
        var ids = new List<Guid>();
        var paths = Enumerable.Range(0, endpoints).Select(_ => Guid.NewGuid().ToString("N")).ToArray();
        foreach (var path in paths)
            ids.Add((await PostAsync(admin, $"/admin/v1/organizations/{org}/webhook-endpoints", new { url = receiver.UrlFor(path) }))
                .GetProperty("id").GetGuid());

        var committed = await InsertEventsAsync(options.Connection, org, events);
        var expected = events * endpoints;
        var arrivals = await receiver.WaitForAsync(r => paths.Contains(r.Path), expected, TimeSpan.FromMinutes(5));

        foreach (var id in ids)
            await admin.DeleteAsync($"/admin/v1/organizations/{org}/webhook-endpoints/{id}");
        var first = arrivals.Min(a => a.At);
        var last = arrivals.Max(a => a.At);
        return (expected, (expected - 1) / (last - first).TotalSeconds, last - first, last - committed);
    }

    private static async Task<(double P50, double P90, double P99, double Max)> LatencyAsync(HttpClient admin, Receiver receiver,
        BenchOptions options, Guid org, string key, int rate, int count)
    {
        var path = Guid.NewGuid().ToString("N");
        var endpoint = (await PostAsync(admin, $"/admin/v1/organizations/{org}/webhook-endpoints",
            new { url = receiver.UrlFor(path), events = new[] { "dossier.created" } })).GetProperty("id").GetGuid();
        using var client = Client(options.Api, key);
        var clock = Stopwatch.StartNew();
        var requests = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            requests.Add(client.PostAsJsonAsync("/api/v1/dossiers", new { type = "sales", name = $"Bench deal {i}" }));
        }
        foreach (var response in await Task.WhenAll(requests))
            response.EnsureSuccessStatusCode();
        var arrivals = await receiver.WaitForAsync(r => r.Path == path, count, TimeSpan.FromMinutes(2));
        await admin.DeleteAsync($"/admin/v1/organizations/{org}/webhook-endpoints/{endpoint}");

        var committedAt = await CommitTimesAsync(options.Connection, org);
        var latencies = arrivals.Select(a => (a.At - committedAt[a.EventId]).TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
        return (Percentile(0.50), Percentile(0.90), Percentile(0.99), latencies[^1]);
    }

    /// <summary>Commits <paramref name="count"/> events with a dossier-sized body in one transaction; returns when it committed.</summary>
    private static async Task<DateTimeOffset> InsertEventsAsync(string connectionString, Guid org, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO outbox (id, event_id, org_id, type, payload, created_at)
            SELECT id, 'evt_' || replace(id::text, '-', ''), @org, 'dossier.updated',
                   json_build_object('id', 'evt_' || replace(id::text, '-', ''), 'type', 'dossier.updated', 'created_at', '2026-04-15T12:04:10Z',
                                     'data', @data::json, 'previous', json_build_object('name', 'KLM')),
                   now()
            FROM (SELECT uuid_v7(now()) AS id FROM generate_series(1, @count)) AS e
            """, connection);
        command.Parameters.AddWithValue("org", org);
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("data", SampleDossier);
        await command.ExecuteNonQueryAsync();
        return DateTimeOffset.UtcNow;
    }

    private static async Task<Dictionary<string, DateTimeOffset>> CommitTimesAsync(string connectionString, Guid org)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT o.event_id, pg_xact_commit_timestamp(d.xmin)
            FROM outbox o JOIN dossiers d ON d.id = (o.payload -> 'data' ->> 'id')::uuid
            WHERE o.org_id = @org AND o.type = 'dossier.created'
            """, connection);
        command.Parameters.AddWithValue("org", org);
        var times = new Dictionary<string, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            times[reader.GetString(0)] = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
        return times;
    }

    private const string SampleDossier = """
        {"id":"01a228c8-3b4c-7e39-86e9-e8348bc78b3a","type":"sales","name":"KLM, Cabin crew hiring","email":"pieter@klm.example",
         "phone":"+31 20 649 9123","company":"KLM","role":"Head of Cabin Crew","contact_person":"Pieter van Leeuwen",
         "deal_size":62000,"deal_currency":"EUR","status":"active","flow_id":"01a228c8-3a10-7c11-9a3b-5b9f0c3d2e11",
         "current_stage_id":"01a228c8-3a10-7c11-9a3b-5b9f0c3d2e12","stage_entered_at":"2026-04-15T12:04:10Z",
         "stage_deadline_at":"2026-04-22T12:04:10Z","assigned_to":null,"intake_notes":"Warm lead from the Schiphol event.",
         "cv_url":null,"primary_contact_id":"01a228c8-3b4c-7e39-86e9-e8348bc78b3b","created_at":"2026-04-15T12:04:10Z",
         "updated_at":"2026-04-15T12:04:10Z"}
        """;

    /// <summary>A webhook receiver as fast as a receiver gets: records the arrival, answers 200.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Arrival> _arrivals = new();

        private Receiver(WebApplication app) => _app = app;

        public sealed record Arrival(string Path, string EventId, DateTimeOffset At);

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/{path}", async (string path, HttpRequest request) =>
            {
                await request.Body.CopyToAsync(Stream.Null);
                receiver._arrivals.Enqueue(new Arrival(path, request.Headers["X-LeadGrid-Event-Id"].ToString(), DateTimeOffset.UtcNow));
                return Results.Ok();
            });
            await app.StartAsync();
            return receiver;
        }

        public string UrlFor(string path) => $"{_app.Urls.First()}/{path}";

        public async Task<Arrival[]> WaitForAsync(Func<Arrival, bool> match, int count, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            while (true)
            {
                var found = _arrivals.Where(match).ToArray();
                if (found.Length >= count) return found;
                if (clock.Elapsed > timeout)
                    throw new TimeoutException($"{found.Length} of {count} deliveries arrived in {timeout.TotalSeconds:0} s.");
                await Task.Delay(50);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
