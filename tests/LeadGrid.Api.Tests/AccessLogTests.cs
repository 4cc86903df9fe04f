using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LeadGrid.Api.Tests.Support;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Issue 14, operations: a real server process writes JSON lines to standard output by default, one access-log line
/// per request (method, path, route template, status, duration, organization, key prefix, request id), a failed
/// authentication once, and the demo banner outside that stream; the format is switchable by configuration.
/// </summary>
public partial class AccessLogTests : IAsyncLifetime
{
    private ScratchDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ScratchDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task EveryRequest_GetsOneJsonAccessLine_FailedAuthenticationOneLine_AndTheBannerStaysOutOfTheStream()
    {
        var server = ServerProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Demo__Seed"] = "true",
            ["Logging__LogLevel__Default"] = "Information",
            ["Webhooks__Dispatch"] = "false",
        });
        try
        {
            var key = "";
            for (var wait = 0; wait < 100 && key.Length == 0; wait++, await Task.Delay(50))
                key = KeyInBanner().Match(string.Join('\n', server.StandardError)).Value;
            Assert.StartsWith("lg_live_", key);
            using var client = server.Client(key);
            var missing = Guid.CreateVersion7();
            await SendAsync(client, $"/api/v1/dossiers/{missing}", "access-1", HttpStatusCode.NotFound);
            await SendAsync(client, "/api/v1/flows", "access-2", HttpStatusCode.OK);
            using var stranger = server.Client("lg_live_not-a-key");
            await SendAsync(stranger, "/api/v1/flows", "access-3", HttpStatusCode.Unauthorized);

            var lines = await LinesAsync(server, expectedAccessLines: 3);
            // Every line of standard output is one JSON object, without scopes (the default): the banner went to standard error.
            Assert.All(lines, l => Assert.False(l.TryGetProperty("Scopes", out var scopes) && scopes.GetArrayLength() > 0));
            Assert.All(server.StandardOutput, line => JsonDocument.Parse(line));
            Assert.DoesNotContain(server.StandardOutput, line => line.Contains(key, StringComparison.Ordinal));

            var notFound = Assert.Single(AccessLines(lines, "access-1"));
            Assert.Equal("GET", notFound.GetProperty("Method").GetString());
            Assert.Equal($"/api/v1/dossiers/{missing}", notFound.GetProperty("Path").GetString());
            Assert.Equal("/api/v1/dossiers/{id}", notFound.GetProperty("RouteTemplate").GetString());
            Assert.Equal(404, notFound.GetProperty("StatusCode").GetInt32());
            Assert.True(notFound.GetProperty("Duration").GetDouble() > 0);
            Assert.Equal("Information", lines.Single(l => InRequest(l, "access-1")).GetProperty("LogLevel").GetString());
            Assert.StartsWith($"GET /api/v1/dossiers/{missing} answered 404 in ", lines.Single(l => InRequest(l, "access-1")).GetProperty("Message").GetString());
            Assert.True(Guid.TryParse(notFound.GetProperty("OrganizationId").GetString(), out _));
            Assert.Equal(key[..14], notFound.GetProperty("KeyPrefix").GetString());

            var ok = Assert.Single(AccessLines(lines, "access-2"));
            Assert.Equal("/api/v1/flows", ok.GetProperty("RouteTemplate").GetString());
            Assert.Equal(200, ok.GetProperty("StatusCode").GetInt32());

            var refused = Assert.Single(AccessLines(lines, "access-3"));
            Assert.Equal(401, refused.GetProperty("StatusCode").GetInt32());
            Assert.Equal(JsonValueKind.Null, refused.GetProperty("OrganizationId").ValueKind);
            // The failed authentication: one line at Information with the reason, nothing from the framework's handler.
            var ofRequest = lines.Where(l => InRequest(l, "access-3")).ToArray();
            var failure = Assert.Single(ofRequest, l => l.GetProperty("Category").GetString() == "LeadGrid.Api.Auth.AuthenticationFailures");
            Assert.Equal("Information", failure.GetProperty("LogLevel").GetString());
            Assert.Contains("malformed", failure.GetProperty("Message").GetString());
            Assert.Equal(2, ofRequest.Length); // the failure and the access line, nothing else
            Assert.Single(lines, l => InRequest(l, "access-1")); // a request that goes well: its access line only
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public async Task TheConsoleFormat_IsSwitchable_ByConfiguration()
    {
        var server = ServerProcess.Start(_database.ConnectionString, new Dictionary<string, string>
        {
            ["Logging__Console__FormatterName"] = "simple",
            ["Webhooks__Dispatch"] = "false",
        });
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
            client.DefaultRequestHeaders.Add("X-Request-Id", "simple-1");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!server.StandardOutput.Any(l => l.Contains("RequestId simple-1", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
                await Task.Delay(50);

            // The simple format puts the category on one line and the message on the next.
            var output = server.StandardOutput.ToArray();
            var at = Array.FindIndex(output, l => l.Contains("RequestId simple-1", StringComparison.Ordinal));
            Assert.True(at > 0, string.Join('\n', output));
            Assert.Contains("GET /health answered 200 in ", output[at]);
            Assert.Contains($"info: {AccessCategory}[1]", output[at - 1]);
            Assert.DoesNotContain(output, l => l.StartsWith('{'));
        }
        finally
        {
            server.Kill();
        }
    }

    private static async Task SendAsync(HttpClient client, string path, string requestId, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Request-Id", requestId);
        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(requestId, response.Headers.GetValues("X-Request-Id").Single());
    }

    /// <summary>The log lines, once the access lines of the requests made are written (the console logger writes on its own thread).</summary>
    private static async Task<JsonElement[]> LinesAsync(ServerProcess server, int expectedAccessLines)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var lines = server.StandardOutput.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
            if (lines.Count(l => l.GetProperty("Category").GetString() == AccessCategory
                                 && l.GetProperty("State").GetProperty("RequestId").GetString()!.StartsWith("access-", StringComparison.Ordinal)) >= expectedAccessLines
                || DateTime.UtcNow > deadline)
                return lines;
            await Task.Delay(50);
        }
    }

    private const string AccessCategory = "LeadGrid.Api.AccessLog";

    private static IEnumerable<JsonElement> AccessLines(IEnumerable<JsonElement> lines, string requestId) =>
        lines.Where(l => l.GetProperty("Category").GetString() == AccessCategory && l.GetProperty("State").GetProperty("RequestId").GetString() == requestId)
            .Select(l => l.GetProperty("State"));

    /// <summary>Whether a line is about the request: it names its RequestId (scopes are off by default, for speed).</summary>
    private static bool InRequest(JsonElement line, string requestId) =>
        line.TryGetProperty("State", out var state) && state.ValueKind == JsonValueKind.Object
        && state.TryGetProperty("RequestId", out var id) && id.GetString() == requestId;

    [GeneratedRegex(@"lg_live_[A-Za-z0-9]+")]
    private static partial Regex KeyInBanner();
}
