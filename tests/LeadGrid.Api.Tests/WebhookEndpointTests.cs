using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LeadGrid.Api.Tests;

/// <summary>The operator API's webhook endpoints (SPEC §12): create, read, change, remove, validation, SSRF at save.</summary>
public class WebhookEndpointTests(ApiFactory factory) : WebhookTest(factory)
{
    private static readonly string[] Fields =
        ["id", "url", "secret", "events", "enabled", "disabled_reason", "old_secret_expires_at", "created_at", "updated_at"];

    private static readonly string[] AllEvents =
        ["dossier.created", "dossier.updated", "dossier.stage_changed", "dossier.deleted", "note.created"];

    [Fact]
    public async Task Create_AnswersWithTheGeneratedSecretAndEveryEventByDefault()
    {
        var org = await CreateOrganizationAsync();

        var response = await Admin().PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints", new { url = "https://example.com/hooks/leadgrid" });

        var endpoint = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(Fields, endpoint.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{Prefix(org)}/webhook-endpoints/{Id(endpoint)}", response.Headers.Location?.OriginalString);
        Assert.Equal("https://example.com/hooks/leadgrid", endpoint.GetProperty("url").GetString());
        Assert.Matches("^whsec_[0-9A-Za-z]{40}$", endpoint.GetProperty("secret").GetString());
        Assert.Equal(AllEvents, endpoint.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(endpoint.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, endpoint.GetProperty("disabled_reason").ValueKind);
        Assert.Equal(endpoint.GetRawText(), (await EndpointAsync(org, Id(endpoint))).GetRawText());
    }

    [Fact]
    public async Task Events_AreCheckedDeduplicatedAndOrdered()
    {
        var org = await CreateOrganizationAsync();
        var endpoint = await AddEndpointAsync(org, "https://example.com/h", ["note.created", "dossier.created", "note.created"]);
        Assert.Equal(["dossier.created", "note.created"], endpoint.GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var unknown = await AssertErrorAsync(await Admin().PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints",
            new { url = "https://example.com/h", events = new[] { "dossier.exploded" } }), HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains("'events[0]'", unknown);
        Assert.Contains("dossier.exploded", unknown);
        Assert.Contains("'events'", await AssertErrorAsync(await Admin().PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints",
            new { url = "https://example.com/h", events = Array.Empty<string>() }), HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Theory]
    [InlineData("""{}""", "'url' is required")]
    [InlineData("""{"url":"   "}""", "'url' is required")]
    [InlineData("""{"url":"ftp://example.com/h"}""", "http or https")]
    [InlineData("""{"url":"/hooks"}""", "http or https")]
    [InlineData("""{"url":"https://user:pass@example.com/h"}""", "user name or password")]
    [InlineData("""{"url":"https://example.com/h#top"}""", "fragment")]
    [InlineData("""{"url":"https://example.com/a b"}""", "'url' must not contain spaces")]
    [InlineData("""{"url":"https://example.com/\r\nX-Injected: 1"}""", "'url' must not contain control characters")]
    [InlineData("""{"url":"https://example.com/h","secret":"whsec_mine"}""", "'secret'")]
    [InlineData("""{"url":"https://example.com/h","enabled":false}""", "'enabled'")]
    [InlineData("""{"url":5}""", "'url'")]
    public async Task Create_RefusesABadBody_NamingTheField(string json, string expected)
    {
        var org = await CreateOrganizationAsync();
        var message = await AssertErrorAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-endpoints", Body(json)),
            HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains(expected, message);
        Assert.Empty(await QueryAsync<Guid>("SELECT id FROM webhook_endpoints"));
    }

    [Fact]
    public async Task Create_RefusesAUrlOver2048Characters()
    {
        var org = await CreateOrganizationAsync();
        var url = "https://example.com/" + new string('a', 2048 - "https://example.com/".Length + 1);
        Assert.Contains("2048", await AssertErrorAsync(await Admin().PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints", new { url }),
            HttpStatusCode.BadRequest, "invalid_body"));
        await AddEndpointAsync(org, url[..^1]);
    }

    [Fact]
    public async Task Patch_ChangesOnlyWhatIsSent_AndANoOpChangesNothing()
    {
        var org = await CreateOrganizationAsync();
        var created = await AddEndpointAsync(org, "https://example.com/h");
        var endpoint = Id(created);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));

        var same = await PatchEndpointAsync(org, endpoint, """{"url":"https://example.com/h","events":["dossier.created","dossier.updated","dossier.stage_changed","dossier.deleted","note.created"]}""");
        Assert.Equal(created.GetRawText(), same.GetRawText());

        var changed = await PatchEndpointAsync(org, endpoint, """{"events":["note.created"]}""");
        Assert.Equal(["note.created"], changed.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://example.com/h", changed.GetProperty("url").GetString());
        Assert.Equal(created.GetProperty("secret").GetString(), changed.GetProperty("secret").GetString());
        Assert.NotEqual(created.GetProperty("updated_at").GetString(), changed.GetProperty("updated_at").GetString());

        var moved = await PatchEndpointAsync(org, endpoint, """{"url":"https://example.org/new","enabled":false}""");
        Assert.Equal("https://example.org/new", moved.GetProperty("url").GetString());
        Assert.False(moved.GetProperty("enabled").GetBoolean());
        Assert.Equal("manual", moved.GetProperty("disabled_reason").GetString());
        Assert.Equal(moved.GetRawText(), (await EndpointAsync(org, endpoint)).GetRawText());
    }

    [Theory]
    [InlineData("""{"url":null}""", "'url'")]
    [InlineData("""{"url":"mailto:ops@example.com"}""", "'url'")]
    [InlineData("""{"events":null}""", "'events'")]
    [InlineData("""{"events":[]}""", "'events'")]
    [InlineData("""{"enabled":null}""", "'enabled'")]
    [InlineData("""{"enabled":"yes"}""", "'enabled'")]
    [InlineData("""{"secret":"whsec_x"}""", "'secret'")]
    public async Task Patch_RefusesABadValue_NamingTheField_AndChangesNothing(string json, string expected)
    {
        var org = await CreateOrganizationAsync();
        var created = await AddEndpointAsync(org, "https://example.com/h");

        var message = await AssertErrorAsync(await Admin().PatchAsync($"{Prefix(org)}/webhook-endpoints/{Id(created)}", Body(json)),
            HttpStatusCode.BadRequest, "invalid_body");

        Assert.Contains(expected, message);
        Assert.Equal(created.GetRawText(), (await EndpointAsync(org, Id(created))).GetRawText());
    }

    [Fact]
    public async Task Delete_RemovesTheEndpointWithItsDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (org, client) = await OrganizationWithClientAsync();
        var endpoint = Id(await AddEndpointAsync(org, receiver.UrlFor("h")));
        await CreateDossierAsync(client);
        await receiver.WaitForAsync(1);

        var deleted = (await ReadJsonAsync(await Admin().DeleteAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}"), HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(endpoint, Id(deleted));
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        await AssertErrorAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await Admin().DeleteAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}"), HttpStatusCode.NotFound, "not_found");
        Assert.Empty(await DeliveryIdsAsync(endpoint));
    }

    [Fact]
    public async Task List_IsNewestFirstAndPaged_AndOnlyTheOrganizations()
    {
        var org = await CreateOrganizationAsync();
        var otherOrg = await CreateOrganizationAsync();
        var first = Id(await AddEndpointAsync(org, "https://example.com/1"));
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = Id(await AddEndpointAsync(org, "https://example.com/2"));
        await AddEndpointAsync(otherOrg, "https://example.com/other");

        var page = await ReadJsonAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints?per_page=1&page=2"), HttpStatusCode.OK);

        Assert.Equal(2, page.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(first, Id(page.GetProperty("data")[0]));
        var all = (await ReadJsonAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints"), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal([second, first], all.EnumerateArray().Select(e => Id(e)));
        await AssertErrorAsync(await Admin().GetAsync($"/admin/v1/organizations/{Guid.CreateVersion7()}/webhook-endpoints"),
            HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnotherOrganizationsEndpoint_AnswersLikeAnUnknownOne()
    {
        var org = await CreateOrganizationAsync();
        var otherOrg = await CreateOrganizationAsync();
        var endpoint = Id(await AddEndpointAsync(otherOrg, "https://example.com/h"));
        var admin = Admin();

        foreach (var request in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => admin.GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}"),
                     () => admin.PatchAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}", Body("""{"enabled":false}""")),
                     () => admin.DeleteAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}"),
                     () => admin.PostAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/rotate-secret", null),
                     () => admin.PostAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/test", null),
                     () => admin.GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/deliveries"),
                     () => admin.GetAsync($"{Prefix(org)}/webhook-endpoints/not-a-uuid"),
                 })
            Assert.Equal("Webhook endpoint not found.", await AssertErrorAsync(await request(), HttpStatusCode.NotFound, "not_found"));
        Assert.True((await EndpointAsync(otherOrg, endpoint)).GetProperty("enabled").GetBoolean());
        await AssertErrorAsync(await admin.PostAsJsonAsync($"/admin/v1/organizations/{Guid.CreateVersion7()}/webhook-endpoints",
            new { url = "https://example.com/h" }), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task TheOperatorTokenIsRequired()
    {
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org);

        await AssertErrorAsync(await Anonymous().GetAsync($"{Prefix(org)}/webhook-endpoints"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertErrorAsync(await Client(key).PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints", new { url = "https://example.com/h" }),
            HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/hooks", "127.0.0.1 is a loopback address")]
    [InlineData("http://localhost:8080/hooks", "'localhost' resolves to")]
    [InlineData("http://[::1]/hooks", "::1 is a loopback address")]
    [InlineData("http://10.1.2.3/hooks", "private")]
    [InlineData("http://192.168.0.10/hooks", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://100.64.0.1/hooks", "CGNAT")]
    [InlineData("http://[::ffff:127.0.0.1]/hooks", "loopback")]
    [InlineData("http://0.0.0.0/hooks", "unspecified")]
    [InlineData("https://nowhere.invalid/hooks", "cannot be resolved")]
    public async Task PrivateTargets_AreRefusedWhenSaved_UnlessAllowed(string url, string reason)
    {
        var org = await CreateOrganizationAsync();
        await using var guarded = Guarded();
        var admin = guarded.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminToken);

        var message = await AssertErrorAsync(await admin.PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints", new { url }),
            HttpStatusCode.BadRequest, "invalid_body");
        Assert.StartsWith("'url' is refused:", message);
        Assert.Contains(reason, message);

        var allowed = Id(await AddEndpointAsync(org, url)); // this suite's server allows private targets
        var moved = await admin.PatchAsync($"{Prefix(org)}/webhook-endpoints/{allowed}", Body($$"""{"url":"{{url}}x"}"""));
        await AssertErrorAsync(moved, HttpStatusCode.BadRequest, "invalid_body");
    }

    [Fact]
    public async Task APublicAddress_IsAcceptedWithPrivateTargetsRefused()
    {
        var org = await CreateOrganizationAsync();
        await using var guarded = Guarded();
        var admin = guarded.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminToken);

        var response = await admin.PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints", new { url = "https://93.184.215.14/hooks" });

        await ReadJsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>A second server on the same database that refuses private targets and runs no dispatcher.</summary>
    private WebApplicationFactory<Program> Guarded() => Factory.WithWebHostBuilder(b => b
        .UseSetting("Webhooks:AllowPrivateTargets", "false")
        .UseSetting("Webhooks:Dispatch", "false"));
}
