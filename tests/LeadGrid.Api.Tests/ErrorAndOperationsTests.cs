using System.Net;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Common;
using LeadGrid.Application.Flows;
using LeadGrid.Domain.ApiKeys;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadGrid.Api.Tests;

public class ErrorAndOperationsTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/api/v1/unknown")]
    [InlineData("/api/v2/flows")]
    public async Task UnknownRoute_Is404InTheEnvelope(string path)
    {
        var message = await AssertErrorAsync(await Anonymous().GetAsync(path), HttpStatusCode.NotFound, "not_found");
        Assert.Contains(path, message);
    }

    [Fact]
    public async Task WrongMethod_Is405InTheEnvelope_WithAllow()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var response = await client.DeleteAsync("/api/v1/flows");

        await AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task EveryResponse_CarriesARequestId_TheCallersWhenSane()
    {
        var generated = await Anonymous().GetAsync("/api/v1/flows");
        var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Add("X-Request-Id", "abc-123.def_4");
        var echoed = await Anonymous().SendAsync(request);
        var hostile = new HttpRequestMessage(HttpMethod.Get, "/health");
        hostile.Headers.TryAddWithoutValidation("X-Request-Id", "evil\"value with spaces");
        var replaced = await Anonymous().SendAsync(hostile);

        Assert.Matches("^[0-9a-f]{32}$", generated.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("abc-123.def_4", echoed.Headers.GetValues("X-Request-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task UnexpectedException_Is500Internal_WithoutStackTraceOrSql_ButWithTheRequestId()
    {
        await using var throwing = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddScoped<IRequestHandler<ListFlows, Paged<FlowDetails>>, ExplodingHandler>()));
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org, [Scopes.FlowsRead]);
        var client = throwing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var response = await client.GetAsync("/api/v1/flows");

        var message = await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "internal");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SELECT", body);
        Assert.DoesNotContain("ExplodingHandler", body);
        Assert.Contains("safe to retry", message);
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task DatabaseUnreachable_Is503WithRetryAfter_AndNotReady()
    {
        await using var down = Factory.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:LeadGrid", "Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=2")
            .UseSetting("Database:MigrateOnStartup", "false"));
        var client = down.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKeyToken.Generate());

        var response = await client.GetAsync("/api/v1/flows");

        await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await down.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await down.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Health_AnswersWithoutAuthentication()
    {
        var alive = await ReadJsonAsync(await Anonymous().GetAsync("/health"), HttpStatusCode.OK);
        var ready = await ReadJsonAsync(await Anonymous().GetAsync("/health/ready"), HttpStatusCode.OK);

        Assert.Equal("ok", alive.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApiDocument_ListsEachEndpointWithItsScopesAndErrors()
    {
        var doc = await ReadJsonAsync(await Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/flows", "/api/v1/flows/{id}/stages" })
        {
            var get = paths.GetProperty(path).GetProperty("get");
            Assert.Equal(["flows:read"], get.GetProperty("x-required-scopes").EnumerateArray().Select(s => s.GetString()));
            var codes = get.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToArray();
            Assert.Superset(new HashSet<string> { "200", "401", "402", "403", "429" }, codes.ToHashSet());
            var responses = get.GetProperty("responses");
            Assert.Equal(["Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"],
                responses.GetProperty("429").GetProperty("headers").EnumerateObject().Select(h => h.Name).Order());
            Assert.True(responses.GetProperty("200").GetProperty("headers").TryGetProperty("X-RateLimit-Remaining", out _));
            Assert.False(responses.GetProperty("401").TryGetProperty("headers", out _)); // no organization known, no budget
        }
        var createDossier = paths.GetProperty("/api/v1/dossiers").GetProperty("post");
        Assert.Contains(createDossier.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
        Assert.Superset(new HashSet<string> { "409", "422", "429" },
            createDossier.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet());
        var listFlows = paths.GetProperty("/api/v1/flows").GetProperty("get");
        Assert.Superset(new HashSet<string?> { "type", "page", "per_page" },
            listFlows.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet());
        var createKey = paths.GetProperty("/admin/v1/organizations/{id}/api-keys").GetProperty("post");
        Assert.True(createKey.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [Fact]
    public async Task Docs_IsScalarsReference_ServedFromHere_AndTheRootLeadsToIt()
    {
        using var noRedirects = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var root = await noRedirects.GetAsync("/");
        var page = await Anonymous().GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await Anonymous().GetAsync("/docs/scalar.js");

        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/docs", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.DoesNotContain("https://", html); // no CDN: the page's script is this server's
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private sealed class ExplodingHandler : IRequestHandler<ListFlows, Paged<FlowDetails>>
    {
        public Task<Paged<FlowDetails>> Handle(ListFlows request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("column \"secret\" does not exist: SELECT secret FROM flows");
    }
}
