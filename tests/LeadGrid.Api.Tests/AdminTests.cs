using System.Net;
using System.Net.Http.Json;
using System.Text;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.ApiKeys;
using Microsoft.AspNetCore.Hosting;

namespace LeadGrid.Api.Tests;

public class AdminTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task WithoutAConfiguredToken_EveryAdminRouteIs404()
    {
        await using var closed = Factory.WithWebHostBuilder(b => b.UseSetting("Admin:Token", ""));
        var client = closed.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminToken);

        await AssertErrorAsync(await client.PostAsJsonAsync("/admin/v1/organizations", new { name = "X", plan = "growth" }), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await client.GetAsync("/admin/v1/organizations"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await client.DeleteAsync("/admin/v1/organizations"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task WrongOperatorToken_Is401()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");

        await AssertErrorAsync(await client.GetAsync("/admin/v1/organizations"), HttpStatusCode.Unauthorized, "unauthorized");
        await AssertErrorAsync(await Anonymous().GetAsync("/admin/v1/organizations"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ApiKeys_CannotUseTheAdminApi()
    {
        var (_, key) = await CreateKeyAsync(await CreateOrganizationAsync());

        await AssertErrorAsync(await Client(key).GetAsync("/admin/v1/organizations"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task CreateOrganization_Is201WithLocationAndEveryField()
    {
        var response = await Admin().PostAsJsonAsync("/admin/v1/organizations", new { name = "  Acme  ", plan = "pro" });

        var data = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(["id", "name", "plan", "created_at", "updated_at"], data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Acme", data.GetProperty("name").GetString());
        Assert.Equal("pro", data.GetProperty("plan").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", data.GetProperty("created_at").GetString());
        Assert.Equal($"/admin/v1/organizations/{data.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("""{"plan":"growth"}""", "'name'")]
    [InlineData("""{"name":"   ","plan":"growth"}""", "'name'")]
    [InlineData("""{"name":"Acme","plan":"enterprise"}""", "'plan'")]
    [InlineData("""{"name":"Acme","plan":"growth","id":"01a2"}""", "'id'")]
    [InlineData("""{"name":"Acme","plan":"growth","created_at":"2026-01-01T00:00:00Z"}""", "'created_at'")]
    [InlineData("""{"name":42,"plan":"growth"}""", "'name'")]
    [InlineData("""{"name":"Acme",""", "not valid JSON")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("""{"name":"Acme","plan":"growth","name":"Other"}""", "'name'")]
    public async Task CreateOrganization_BadBody_Is400NamingTheField(string json, string expected)
    {
        var response = await Admin().PostAsync("/admin/v1/organizations", new StringContent(json, Encoding.UTF8, "application/json"));

        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task CreateOrganization_WithAnotherContentType_Is415()
    {
        var response = await Admin().PostAsync("/admin/v1/organizations",
            new StringContent("""{"name":"Acme","plan":"growth"}""", Encoding.UTF8, "text/plain"));

        await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task UpdateOrganization_ChangesOnlyWhatIsGiven()
    {
        var org = await CreateOrganizationAsync("pro", "Old name");

        var renamed = await ReadJsonAsync(await Admin().PatchAsJsonAsync($"/admin/v1/organizations/{org}", new { name = "New name" }), HttpStatusCode.OK);
        var nullPlan = await Admin().PatchAsync($"/admin/v1/organizations/{org}", new StringContent("""{"plan":null}""", Encoding.UTF8, "application/json"));

        Assert.Equal("New name", renamed.GetProperty("data").GetProperty("name").GetString());
        Assert.Equal("pro", renamed.GetProperty("data").GetProperty("plan").GetString());
        Assert.Contains("'plan'", await AssertErrorAsync(nullPlan, HttpStatusCode.BadRequest, "invalid_body"));
        await AssertErrorAsync(await Admin().PatchAsJsonAsync($"/admin/v1/organizations/{Guid.CreateVersion7()}", new { name = "X" }), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await Admin().GetAsync("/admin/v1/organizations/nope"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AddMember_SameEmailInAnyCase_Is409()
    {
        var org = await CreateOrganizationAsync();
        var other = await CreateOrganizationAsync(name: "Other");

        var first = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members", new { email = "Sophie@Example.com", full_name = "Sophie" });
        var again = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members", new { email = "sophie@example.com", full_name = "Sophie 2" });
        var elsewhere = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{other}/members", new { email = "sophie@example.com", full_name = "Sophie" });

        var data = (await ReadJsonAsync(first, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(["id", "email", "full_name", "role", "has_password", "created_at", "invite_url", "invite_expires_at"], data.EnumerateObject().Select(p => p.Name));
        await AssertErrorAsync(again, HttpStatusCode.Conflict, "duplicate_member");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        var fetched = await ReadJsonAsync(await Admin().GetAsync(first.Headers.Location!.OriginalString), HttpStatusCode.OK);
        Assert.Equal("Sophie@Example.com", fetched.GetProperty("data").GetProperty("email").GetString());
    }

    [Fact]
    public async Task AddMember_InvalidEmail_Is400()
    {
        var org = await CreateOrganizationAsync();

        var response = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members", new { email = "sophie", full_name = "Sophie" });

        Assert.Contains("'email'", await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task ApiKeys_SecretShownOnce_ListedWithoutIt()
    {
        var org = await CreateOrganizationAsync();

        var created = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/api-keys",
            new { name = "CI", scopes = new[] { "flows:read", "flows:read", "notes:read" } });
        var list = await ReadJsonAsync(await Admin().GetAsync($"/admin/v1/organizations/{org}/api-keys"), HttpStatusCode.OK);

        var key = (await ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(["id", "name", "key", "prefix", "scopes", "expires_at", "created_at"], key.EnumerateObject().Select(p => p.Name));
        Assert.True(ApiKeyToken.IsWellFormed(key.GetProperty("key").GetString()!));
        Assert.Equal(["flows:read", "notes:read"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var listed = list.GetProperty("data").EnumerateArray().Single();
        Assert.Equal(["id", "name", "prefix", "scopes", "expires_at", "last_used_at", "revoked_at", "created_at"], listed.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain(key.GetProperty("key").GetString()!, list.ToString());
        Assert.StartsWith(listed.GetProperty("prefix").GetString()!, key.GetProperty("key").GetString());
    }

    [Theory]
    [InlineData("""{"name":"k","scopes":["flows:write"]}""", "'scopes[0]'")]
    [InlineData("""{"name":"k","scopes":[]}""", "'scopes'")]
    [InlineData("""{"name":"k"}""", "'scopes'")]
    [InlineData("""{"name":"k","scopes":["flows:read"],"expires_at":"2020-01-01T00:00:00Z"}""", "'expires_at'")]
    [InlineData("""{"name":"k","scopes":["flows:read"],"expires_at":"tomorrow"}""", "'expires_at'")]
    [InlineData("""{"scopes":["flows:read"]}""", "'name'")]
    public async Task CreateApiKey_BadBody_Is400NamingTheField(string json, string expected)
    {
        var org = await CreateOrganizationAsync();

        var response = await Admin().PostAsync($"/admin/v1/organizations/{org}/api-keys", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Contains(expected, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task RevokeApiKey_IsIdempotent_AndScopedToItsOrganization()
    {
        var org = await CreateOrganizationAsync();
        var other = await CreateOrganizationAsync(name: "Other");
        var (keyId, _) = await CreateKeyAsync(org);

        var first = (await ReadJsonAsync(await Admin().DeleteAsync($"/admin/v1/organizations/{org}/api-keys/{keyId}"), HttpStatusCode.OK)).GetProperty("data");
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = (await ReadJsonAsync(await Admin().DeleteAsync($"/admin/v1/organizations/{org}/api-keys/{keyId}"), HttpStatusCode.OK)).GetProperty("data");
        var foreign = await Admin().DeleteAsync($"/admin/v1/organizations/{other}/api-keys/{keyId}");

        Assert.Equal(first.GetProperty("revoked_at").GetString(), second.GetProperty("revoked_at").GetString());
        Assert.NotNull(first.GetProperty("revoked_at").GetString());
        await AssertErrorAsync(foreign, HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ForUnknownOrganization_KeysAndMembersAreNotFound()
    {
        var unknown = Guid.CreateVersion7();

        await AssertErrorAsync(await Admin().PostAsJsonAsync($"/admin/v1/organizations/{unknown}/api-keys", new { name = "k", scopes = new[] { "flows:read" } }), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await Admin().GetAsync($"/admin/v1/organizations/{unknown}/api-keys"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await Admin().PostAsJsonAsync($"/admin/v1/organizations/{unknown}/members", new { email = "a@b.io", full_name = "A" }), HttpStatusCode.NotFound, "not_found");
    }
}
