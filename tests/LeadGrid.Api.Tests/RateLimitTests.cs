using System.Net;
using System.Net.Http.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.RateLimits;
using LeadGrid.Infrastructure.RateLimits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadGrid.Api.Tests;

/// <summary>SPEC §10: budgets per organization and plan, their headers, 429 with a Retry-After that is enough.</summary>
public class RateLimitTests(ApiFactory factory) : ApiTest(factory)
{
    private WebApplicationFactory<Program> Limited(int perMinute, params (string Key, string Value)[] settings) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("RateLimits:growth:PerMinute", perMinute.ToString());
            b.UseSetting("Webhooks:Dispatch", "false");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    private static HttpClient ClientOf(WebApplicationFactory<Program> server, string key)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(Assert.Single(response.Headers.GetValues(name)));

    [Fact]
    public async Task LimitPlusOneRequests_The429CarriesTheHeaders_AndARequestAfterRetryAfterSucceeds()
    {
        Factory.Clock.FreezeTimestamps();
        await using var server = Limited(60);
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org);
        var client = ClientOf(server, key);

        for (var i = 1; i <= 60; i++)
        {
            var ok = await client.GetAsync("/api/v1/flows");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(60, Header(ok, "X-RateLimit-Limit"));
            Assert.Equal(60 - i, Header(ok, "X-RateLimit-Remaining"));
            Assert.Equal(i, Header(ok, "X-RateLimit-Reset")); // seconds until full again: one request refills per second
        }

        var refused = await client.GetAsync("/api/v1/flows");
        var message = await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Contains("60 requests per minute", message);
        Assert.Equal("1", Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.Equal(60, Header(refused, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(refused, "X-RateLimit-Remaining"));
        Assert.Equal(60, Header(refused, "X-RateLimit-Reset"));

        Factory.Clock.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/v1/flows")).StatusCode);
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var after = await client.GetAsync("/api/v1/flows");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task InRealTime_WaitingRetryAfter_IsEnough()
    {
        await using var server = Limited(120);
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org);
        var client = ClientOf(server, key);

        HttpResponseMessage response;
        var sent = 0;
        do
        {
            response = await client.GetAsync("/api/v1/flows");
            sent++;
        } while (response.StatusCode == HttpStatusCode.OK && sent < 1000);
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var wait = int.Parse(Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.InRange(wait, 1, 2);

        await Task.Delay(TimeSpan.FromSeconds(wait));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/flows")).StatusCode);
    }

    [Fact]
    public async Task OneOrganizationsBurst_DoesNotThrottleAnother()
    {
        Factory.Clock.FreezeTimestamps();
        await using var server = Limited(10);
        var busy = ClientOf(server, (await CreateKeyAsync(await CreateOrganizationAsync(name: "Busy"))).Key);
        var quiet = ClientOf(server, (await CreateKeyAsync(await CreateOrganizationAsync(name: "Quiet"))).Key);

        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/flows")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await busy.GetAsync("/api/v1/flows")).StatusCode);

        var other = await quiet.GetAsync("/api/v1/flows");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(9, Header(other, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task TwoKeysOfOneOrganization_ShareItsBudget()
    {
        Factory.Clock.FreezeTimestamps();
        await using var server = Limited(10);
        var org = await CreateOrganizationAsync();
        var first = ClientOf(server, (await CreateKeyAsync(org)).Key);
        var second = ClientOf(server, (await CreateKeyAsync(org)).Key);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/flows")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/flows")).StatusCode);
        }
        await AssertErrorAsync(await second.GetAsync("/api/v1/flows"), HttpStatusCode.TooManyRequests, "rate_limited");
        await AssertErrorAsync(await first.GetAsync("/api/v1/flows"), HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task ErrorAnswers_CarryTheHeaders_AndCount_ButAnonymousOnesDoNot()
    {
        Factory.Clock.FreezeTimestamps();
        await using var server = Limited(10);
        var org = await CreateOrganizationAsync();
        var reader = ClientOf(server, (await CreateKeyAsync(org, ["flows:read"])).Key);

        var notFound = await reader.GetAsync($"/api/v1/flows/{Guid.NewGuid()}/stages");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(9, Header(notFound, "X-RateLimit-Remaining"));

        var badQuery = await reader.GetAsync("/api/v1/flows?per_page=0");
        Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
        Assert.Equal(8, Header(badQuery, "X-RateLimit-Remaining"));

        var forbidden = await reader.GetAsync("/api/v1/dossiers");
        await AssertErrorAsync(forbidden, HttpStatusCode.Forbidden, "forbidden"); // the scope check comes first (SPEC §2)
        Assert.Equal(7, Header(forbidden, "X-RateLimit-Remaining"));

        var anonymous = await server.CreateClient().GetAsync("/api/v1/flows");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.False(anonymous.Headers.Contains("X-RateLimit-Limit"));

        var freeOrg = await CreateOrganizationAsync(plan: "free");
        var free = ClientOf(server, (await CreateKeyAsync(freeOrg)).Key);
        var planRequired = await free.GetAsync("/api/v1/flows");
        await AssertErrorAsync(planRequired, HttpStatusCode.PaymentRequired, "plan_required");
        Assert.True(planRequired.Headers.Contains("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task LimitsAreConfiguredPerPlan()
    {
        Factory.Clock.FreezeTimestamps();
        await using var server = Limited(3);
        var client = ClientOf(server, (await CreateKeyAsync(await CreateOrganizationAsync())).Key);

        var first = await client.GetAsync("/api/v1/flows");
        Assert.Equal(3, Header(first, "X-RateLimit-Limit"));
        await client.GetAsync("/api/v1/flows");
        await client.GetAsync("/api/v1/flows");
        var refused = await client.GetAsync("/api/v1/flows");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("20", Assert.Single(refused.Headers.GetValues("Retry-After"))); // 3 a minute: one every 20 s
    }

    [Fact]
    public void AWrongLimitOrStore_StopsTheServerFromStarting()
    {
        foreach (var (key, value) in new[] { ("RateLimits:growth:PerMinute", "0"), ("RateLimits:growth:PerMinute", "many"), ("RateLimits:Store", "disk") })
        {
            using var server = Limited(600, (key, value));
            var error = Assert.ThrowsAny<Exception>(() => server.CreateClient());
            Assert.Contains("RateLimits:", error.ToString());
        }
        using var noRedis = Limited(600, ("RateLimits:Store", "redis"), ("ConnectionStrings:Redis", ""));
        Assert.Contains("ConnectionStrings:Redis", Assert.ThrowsAny<Exception>(() => noRedis.CreateClient()).ToString());
    }

    [Fact]
    public async Task RedisStore_TwoLimiterInstances_ShareOneBudget()
    {
        using var redis = RedisServer.Start();
        using var first = new RedisRateLimitStore(redis.Configuration, TimeProvider.System, NullLogger<RedisRateLimitStore>.Instance);
        using var second = new RedisRateLimitStore(redis.Configuration, TimeProvider.System, NullLogger<RedisRateLimitStore>.Instance);
        var org = Guid.NewGuid();
        var limit = new RateLimit(20);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            (i % 2 == 0 ? first : second).TakeAsync(org, limit, CancellationToken.None).AsTask()));

        // 20 fit (plus at most what refilled while the 30 ran: one every 3 s).
        Assert.InRange(decisions.Count(d => d.Allowed), 20, 21);
        var refused = decisions.First(d => !d.Allowed);
        Assert.Equal(0, refused.Remaining);
        Assert.InRange(refused.RetryAfterSeconds, 1, 3);
        Assert.Equal(20, refused.Limit);
        var otherOrg = await second.TakeAsync(Guid.NewGuid(), limit, CancellationToken.None);
        Assert.True(otherOrg.Allowed);
        Assert.Equal(19, otherOrg.Remaining);
    }

    [Fact]
    public async Task RedisStore_WhenRedisIsGone_ServesAndWarnsOnceAMinute()
    {
        using var redis = RedisServer.Start();
        var clock = new TestClock();
        var logger = new CountingLogger();
        using var store = new RedisRateLimitStore(redis.Configuration, clock, logger);
        var org = Guid.NewGuid();
        var limit = new RateLimit(2);
        Assert.True((await store.TakeAsync(org, limit, CancellationToken.None)).Allowed);
        Assert.True((await store.TakeAsync(org, limit, CancellationToken.None)).Allowed);
        Assert.False((await store.TakeAsync(org, limit, CancellationToken.None)).Allowed);

        redis.Stop();
        for (var i = 0; i < 5; i++)
            Assert.True((await store.TakeAsync(org, limit, CancellationToken.None)).Allowed);
        Assert.Equal(1, logger.Warnings);
        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.True((await store.TakeAsync(org, limit, CancellationToken.None)).Allowed);
        Assert.Equal(2, logger.Warnings);
    }

    private sealed class CountingLogger : Microsoft.Extensions.Logging.ILogger<RedisRateLimitStore>
    {
        public int Warnings;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == Microsoft.Extensions.Logging.LogLevel.Warning) Interlocked.Increment(ref Warnings);
        }
    }

    [Fact]
    public async Task RedisStore_ThroughTheApi_TwoServersShareTheBudget_AndRedisGoneMeansServedNot500()
    {
        using var redis = RedisServer.Start();
        var settings = new[] { ("RateLimits:Store", "redis"), ("ConnectionStrings:Redis", redis.Configuration) };
        await using var one = Limited(10, settings);
        await using var two = Limited(10, settings);
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync());
        var a = ClientOf(one, key);
        var b = ClientOf(two, key);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/flows")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/v1/flows")).StatusCode);
        }
        var refused = await a.GetAsync("/api/v1/flows");
        await AssertErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(0, Header(refused, "X-RateLimit-Remaining"));

        redis.Stop();
        for (var i = 0; i < 15; i++)
        {
            var served = await a.GetAsync("/api/v1/flows");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode); // fail open: never a 500, never a 429 from a guess
            Assert.Equal(10, Header(served, "X-RateLimit-Limit"));
        }
        Assert.Equal(HttpStatusCode.Created, (await b.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Served Anyway" })).StatusCode);
    }
}
