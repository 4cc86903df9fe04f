using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Infrastructure.ApiKeys;
using Microsoft.Extensions.DependencyInjection;

namespace LeadGrid.Api.Tests;

public class AuthenticationTests(ApiFactory factory) : ApiTest(factory)
{
    private const string Flows = "/api/v1/flows";

    [Fact]
    public async Task MissingHeader_Is401()
    {
        var response = await Anonymous().GetAsync(Flows);

        var message = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Missing Authorization header", message);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task WrongScheme_Is401()
    {
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync());
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", key);

        var message = await AssertErrorAsync(await client.GetAsync(Flows), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("Bearer", message);
    }

    [Theory]
    [InlineData("lg_live_tooshort")]
    [InlineData("sk_live_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("lg_live_0123456789abcdefghijABCDEFGHIJ0123!!")]
    public async Task MalformedKey_Is401(string key)
    {
        var message = await AssertErrorAsync(await Client(key).GetAsync(Flows), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("malformed", message);
    }

    [Fact]
    public async Task KeyWithBadChecksum_Is401AsMalformed()
    {
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync());
        var typo = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

        var message = await AssertErrorAsync(await Client(typo).GetAsync(Flows), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("malformed", message);
    }

    [Fact]
    public async Task UnknownWellFormedKey_Is401()
    {
        await CreateOrganizationAsync();

        var message = await AssertErrorAsync(await Client(ApiKeyToken.Generate()).GetAsync(Flows), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("not valid", message);
    }

    [Fact]
    public async Task RevokedKey_Is401AtOnceEvenThoughItWasCached()
    {
        var org = await CreateOrganizationAsync();
        var (keyId, key) = await CreateKeyAsync(org);
        var client = Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Flows)).StatusCode);

        var revoke = await Admin().DeleteAsync($"/admin/v1/organizations/{org}/api-keys/{keyId}");
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var message = await AssertErrorAsync(await client.GetAsync(Flows), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("revoked", message);
    }

    [Fact]
    public async Task ExpiredKey_Is401()
    {
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org, expiresAt: Factory.Clock.GetUtcNow().AddHours(1));
        var client = Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Flows)).StatusCode);

        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var message = await AssertErrorAsync(await client.GetAsync(Flows), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("expired", message);
    }

    [Theory]
    [InlineData("free")]
    [InlineData("pro")]
    public async Task OrganizationWithoutGrowthPlan_Is402(string plan)
    {
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync(plan));

        var message = await AssertErrorAsync(await Client(key).GetAsync(Flows), HttpStatusCode.PaymentRequired, "plan_required");
        Assert.Contains("growth", message);
    }

    [Fact]
    public async Task PlanDowngrade_TakesEffectAtOnce()
    {
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org);
        var client = Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Flows)).StatusCode);

        var patch = await Admin().PatchAsJsonAsync($"/admin/v1/organizations/{org}", new { plan = "pro" });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        await AssertErrorAsync(await client.GetAsync(Flows), HttpStatusCode.PaymentRequired, "plan_required");
    }

    [Fact]
    public async Task MissingScope_Is403NamingTheScope()
    {
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync(), [Scopes.ContactsRead, Scopes.DossiersRead]);

        var message = await AssertErrorAsync(await Client(key).GetAsync(Flows), HttpStatusCode.Forbidden, "forbidden");
        Assert.Contains("flows:read", message);
    }

    [Fact]
    public async Task PlanIsCheckedBeforeScope()
    {
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync("pro"), [Scopes.ContactsRead]);

        await AssertErrorAsync(await Client(key).GetAsync(Flows), HttpStatusCode.PaymentRequired, "plan_required");
    }

    [Fact]
    public async Task AuthenticationIsCheckedBeforeTheQuery()
    {
        var response = await Anonymous().GetAsync($"{Flows}?per_page=abc");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task KeyLookup_IsServedFromTheCacheOnLaterRequests()
    {
        var (_, client) = await OrganizationWithClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Flows)).StatusCode);

        // With the key gone from the database, only the cache can still know it.
        await ExecuteSqlAsync("DELETE FROM api_keys");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Flows)).StatusCode);
    }

    [Fact]
    public async Task LastUsedAt_IsRecordedInTheBackground()
    {
        var org = await CreateOrganizationAsync();
        var (keyId, key) = await CreateKeyAsync(org);
        Assert.Equal(HttpStatusCode.OK, (await Client(key).GetAsync(Flows)).StatusCode);

        await Factory.Services.GetRequiredService<ApiKeyUsageFlusher>().FlushAsync(CancellationToken.None);

        var data = (await ReadJsonAsync(await Admin().GetAsync($"/admin/v1/organizations/{org}/api-keys/{keyId}"), HttpStatusCode.OK))
            .GetProperty("data");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, data.GetProperty("last_used_at").ValueKind);
    }
}
