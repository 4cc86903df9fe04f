using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.ApiKeys;
using Xunit.Abstractions;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Hostile traffic against a real server process (Kestrel, not the in-memory test server): oversized bodies in a burst,
/// requests Kestrel itself refuses, HEAD, the Server header, and a flood of made-up keys (issue 9).
/// </summary>
public class HostileTrafficTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ScratchDatabase _database = null!;
    private ServerProcess _server = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync();
        _server = ServerProcess.Start(_database.ConnectionString, new Dictionary<string, string> { ["Webhooks__Dispatch"] = "false" });
    }

    public async Task DisposeAsync()
    {
        _server.Kill();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task ABurstOf24Oversized29MegabyteBodies_IsRefused_AndMemoryStaysFlat()
    {
        var key = await KeyAsync();
        using var client = _server.Client(key);
        for (var i = 0; i < 20; i++) // warm up: pools, JIT, a few real writes
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = $"Warm {i}", notes = new string('n', 5000) })).StatusCode);
        var before = _server.ResidentBytes();

        var declared = Enumerable.Range(0, 24).Select(_ => SendAsync(key, new OversizedJson(29 * 1024 * 1024, declareLength: true)));
        var chunked = Enumerable.Range(0, 24).Select(_ => SendAsync(key, new OversizedJson(29 * 1024 * 1024, declareLength: false)));
        var outcomes = await Task.WhenAll(declared.Concat(chunked));
        await Task.Delay(500);
        var after = _server.ResidentBytes();

        output.WriteLine($"RSS before {before / 1048576} MB, after {after / 1048576} MB; outcomes: {string.Join(", ", outcomes.GroupBy(o => o).Select(g => $"{g.Key} ×{g.Count()}"))}");
        Assert.All(outcomes.Take(24), o => Assert.Equal("413 payload_too_large", o)); // refused by their length, before any byte
        Assert.All(outcomes.Skip(24), o => Assert.True(o is "413 payload_too_large" or "reset", o)); // refused at 1 MB read
        Assert.True(after - before < 64L * 1024 * 1024, $"RSS grew from {before / 1048576} MB to {after / 1048576} MB.");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/contacts")).StatusCode);
    }

    [Fact]
    public async Task AnswersNameNoServer_AndHeadHasNoBody()
    {
        var key = await KeyAsync();
        using var client = _server.Client(key);

        var get = await client.GetAsync("/api/v1/flows");
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/flows"));
        var raw = await RawAsync($"HEAD /api/v1/flows HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\nConnection: close\r\n\r\n");

        Assert.False(get.Headers.Contains("Server"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("HTTP/1.1 200", raw);
        Assert.EndsWith("\r\n\r\n", raw); // headers only: nothing after them
    }

    [Theory]
    [InlineData("GET /api/v1/dossiers/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")]
    [InlineData("POST /api/v1/contacts HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"a\":1}")]
    [InlineData("GET /api/v1/flows HTTP/1.1\r\nHost: x\r\nHost: y\r\nConnection: close\r\n\r\n")]
    public async Task RequestsKestrelRefusesBeforeTheApplication_Are400_AsTheReadmeSays(string request)
    {
        // Kestrel answers these itself, before any middleware runs: a bare 400 without the envelope or X-Request-Id
        // (README, "Answers the server gives itself"). What matters is that it is a 400, never a 500 or a hang.
        var raw = await RawAsync(request);

        Assert.StartsWith("HTTP/1.1 400", raw);
        Assert.DoesNotContain("Server:", raw);
    }

    [Fact]
    public async Task AFloodOfMadeUpKeys_ReachesTheDatabaseAFewTimes_ThenIs429_WhileAKnownKeyKeepsWorking()
    {
        var key = await KeyAsync();
        using var known = _server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await known.GetAsync("/api/v1/flows")).StatusCode);

        // 1,000 well-formed keys with valid checksums, none of them real, from ten workers at once.
        var forged = Enumerable.Range(0, 1000).Select(_ => ApiKeyToken.Generate()).ToArray();
        var responses = new System.Collections.Concurrent.ConcurrentBag<HttpResponseMessage>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(forged, new ParallelOptions { MaxDegreeOfParallelism = 10 }, async (token, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/flows");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            responses.Add(await Shared.SendAsync(request, ct));
        });
        var statuses = responses.Select(r => r.StatusCode).ToList();
        var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        output.WriteLine($"1,000 made-up keys in {clock.Elapsed.TotalSeconds:0.00} s");

        var lookups = statuses.Count(s => s == HttpStatusCode.Unauthorized);
        output.WriteLine($"{lookups} made-up keys were looked up, {statuses.Count(s => s == HttpStatusCode.TooManyRequests)} refused before a lookup");
        Assert.InRange(lookups, 30, 31); // the budget (and what refills while the flood runs), however many race
        Assert.Equal(1000 - lookups, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal("rate_limited", (await limited!.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        Assert.InRange(limited.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await known.GetAsync("/api/v1/flows")).StatusCode);

        // After waiting what Retry-After says, the next unknown key is looked up again (and refused as unknown).
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/api/v1/flows");
        probe.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyToken.Generate());
        var refused = await Shared.SendAsync(probe);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        await Task.Delay(refused.Headers.RetryAfter!.Delta!.Value);
        using var later = _server.Client(ApiKeyToken.Generate());
        Assert.Equal(HttpStatusCode.Unauthorized, (await later.GetAsync("/api/v1/flows")).StatusCode);
    }

    private HttpClient Shared => _shared ??= new HttpClient { BaseAddress = new Uri(_server.Url) };
    private HttpClient? _shared;

    private async Task<string> KeyAsync()
    {
        using var admin = _server.Client(ApiFactory.AdminToken);
        var org = (await (await admin.PostAsJsonAsync("/admin/v1/organizations", new { name = "Hostile", plan = "growth" }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data").GetProperty("id").GetGuid();
        return (await (await admin.PostAsJsonAsync($"/admin/v1/organizations/{org}/api-keys", new { name = "k", scopes = Scopes.All }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("data").GetProperty("key").GetString()!;
    }

    /// <summary>Sends an oversized body; the server may answer 413 and close before the client has sent it all.</summary>
    private async Task<string> SendAsync(string key, OversizedJson content)
    {
        using var client = _server.Client(key);
        // With Expect: 100-continue the server can answer before the client sends any of the body; without a
        // Content-Length it has to read until the limit, then answers and closes mid-upload (the client sees a reset).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/contacts") { Content = content };
        request.Headers.ExpectContinue = content.DeclaresLength;
        try
        {
            var response = await client.SendAsync(request);
            var code = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("error").GetProperty("code").GetString();
            return $"{(int)response.StatusCode} {code}";
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException or SocketException)
        {
            return "reset";
        }
    }

    /// <summary>Sends bytes as they are (for requests no HTTP client would send) and reads the whole answer.</summary>
    private async Task<string> RawAsync(string request)
    {
        var uri = new Uri(_server.Url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.Latin1);
        var read = reader.ReadToEndAsync();
        return await read.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>A JSON body of the given size, made as it is sent (the test holds none of it in memory).</summary>
    private sealed class OversizedJson : HttpContent
    {
        private readonly long _size;
        private readonly bool _declareLength;

        public bool DeclaresLength => _declareLength;

        public OversizedJson(long size, bool declareLength)
        {
            _size = size;
            _declareLength = declareLength;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var start = Encoding.UTF8.GetBytes("{\"full_name\":\"x\",\"notes\":\"");
            await stream.WriteAsync(start);
            var chunk = Enumerable.Repeat((byte)'n', 64 * 1024).ToArray();
            long sent = start.Length;
            while (sent < _size - 2)
            {
                var n = (int)Math.Min(chunk.Length, _size - 2 - sent);
                await stream.WriteAsync(chunk.AsMemory(0, n));
                sent += n;
            }
            await stream.WriteAsync("\"}"u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _size;
            return _declareLength;
        }
    }
}
