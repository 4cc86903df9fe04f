using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;

namespace LeadGrid.Api.Tests;

public class DossierLinkAndNoteTests(ApiFactory factory) : ApiTest(factory)
{
    private static async Task<Guid> DossierAsync(HttpClient client, object? body = null) =>
        Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", body ?? new { type = "sales", name = "KLM" }), HttpStatusCode.Created)).GetProperty("data"));

    private static async Task<Guid> ContactAsync(HttpClient client, string name) =>
        Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = name, email = $"{name.Replace(' ', '.')}@example.com" }), HttpStatusCode.Created)).GetProperty("data"));

    private static Task<HttpResponseMessage> LinkAsync(HttpClient client, Guid dossier, Guid contact, string role, bool? primary = null) =>
        client.PostAsync($"/api/v1/dossiers/{dossier}/contacts", Body(primary is null
            ? $$"""{"contact_id":"{{contact}}","role_on_dossier":"{{role}}"}"""
            : $$"""{"contact_id":"{{contact}}","role_on_dossier":"{{role}}","is_primary":{{primary.Value.ToString().ToLowerInvariant()}}}"""));

    private static async Task<JsonElement[]> LinksAsync(HttpClient client, Guid dossier) =>
        (await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers/{dossier}/contacts"), HttpStatusCode.OK)).GetProperty("data").EnumerateArray().ToArray();

    [Fact]
    public async Task Link_IsCreatedOnce_ThenUpdated()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);
        var mark = await ContactAsync(client, "Mark de Vries");

        var created = await LinkAsync(client, dossier, mark, "decision_maker", false);
        var relinked = await LinkAsync(client, dossier, mark, "champion");

        var link = (await ReadJsonAsync(created, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(["dossier_id", "contact_id", "role_on_dossier", "is_primary"], link.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"/api/v1/dossiers/{dossier}/contacts/{mark}", created.Headers.Location?.OriginalString);
        Assert.Equal("champion", (await ReadJsonAsync(relinked, HttpStatusCode.OK)).GetProperty("data").GetProperty("role_on_dossier").GetString());
        var listed = Assert.Single(await LinksAsync(client, dossier));
        Assert.Equal(["contact_id", "full_name", "email", "company", "role_on_dossier", "is_primary"], listed.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Mark de Vries", listed.GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task Link_AsPrimary_DemotesThePreviousPrimary_AndIsADossierUpdate()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client, new { type = "sales", name = "Rabobank", contact_person = "Pieter" });
        var pieter = Id((await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers/{dossier}"), HttpStatusCode.OK)).GetProperty("data"), "primary_contact_id");
        var mark = await ContactAsync(client, "Mark");
        var anna = await ContactAsync(client, "Anna");
        await LinkAsync(client, dossier, anna, "gatekeeper");

        Assert.Equal(HttpStatusCode.Created, (await LinkAsync(client, dossier, mark, "decision_maker", true)).StatusCode);

        var links = await LinksAsync(client, dossier);
        Assert.Equal([mark, pieter, anna], links.Select(l => Id(l, "contact_id")));
        Assert.Equal([true, false, false], links.Select(l => l.GetProperty("is_primary").GetBoolean()));
        var dossierNow = (await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers/{dossier}"), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(mark, Id(dossierNow, "primary_contact_id"));
        Assert.Equal(["dossier.created", "dossier.updated"], await OutboxTypesAsync(org));
        Assert.Equal(pieter, (await OutboxPayloadsAsync(org, "dossier.updated")).Single().GetProperty("previous").GetProperty("primary_contact_id").GetGuid());
    }

    [Fact]
    public async Task TenConcurrentMakePrimaryRequests_LeaveExactlyOnePrimary()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);
        var contacts = new List<Guid>();
        for (var i = 0; i < 10; i++)
            contacts.Add(await ContactAsync(client, $"Contact {i}"));
        using var start = new ManualResetEventSlim();

        var requests = contacts.Select(contact => Task.Run(async () =>
        {
            start.Wait();
            return await LinkAsync(client, dossier, contact, "decision_maker", true);
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var links = await LinksAsync(client, dossier);
        Assert.Equal(10, links.Length);
        Assert.Single(links, l => l.GetProperty("is_primary").GetBoolean());
        Assert.True(links[0].GetProperty("is_primary").GetBoolean());
    }

    [Fact]
    public async Task Unlink_RemovesTheLinkNotTheContact_AndTwiceIsNotFound()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);
        var mark = await ContactAsync(client, "Mark");
        await LinkAsync(client, dossier, mark, "champion");

        var unlinked = (await ReadJsonAsync(await client.DeleteAsync($"/api/v1/dossiers/{dossier}/contacts/{mark}"), HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(["dossier_id", "contact_id", "unlinked"], unlinked.EnumerateObject().Select(p => p.Name));
        Assert.True(unlinked.GetProperty("unlinked").GetBoolean());
        Assert.Empty(await LinksAsync(client, dossier));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/contacts/{mark}")).StatusCode);
        await AssertErrorAsync(await client.DeleteAsync($"/api/v1/dossiers/{dossier}/contacts/{mark}"), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("""{"role_on_dossier":"champion"}""", "'contact_id'")]
    [InlineData("""{"contact_id":"01a21324-4652-74d3-9ea8-63aaf3d37f6d","role_on_dossier":"champion"}""", "'contact_id'")]
    [InlineData("""{"contact_id":"01a21324-4652-74d3-9ea8-63aaf3d37f6d"}""", "'role_on_dossier'")]
    [InlineData("""{"contact_id":"01a21324-4652-74d3-9ea8-63aaf3d37f6d","role_on_dossier":"boss"}""", "'role_on_dossier'")]
    [InlineData("""{"contact_id":"01a21324-4652-74d3-9ea8-63aaf3d37f6d","role_on_dossier":"other","is_primary":"yes"}""", "'is_primary'")]
    public async Task Link_BadBody_Is400NamingTheField(string json, string field)
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);

        var response = await client.PostAsync($"/api/v1/dossiers/{dossier}/contacts", Body(json));

        Assert.Contains(field, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task Link_AnotherOrganizationsContact_Is400()
    {
        var (_, other) = await OrganizationWithClientAsync();
        var theirs = await ContactAsync(other, "Theirs");
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);

        Assert.Contains("'contact_id'", await AssertErrorAsync(await LinkAsync(client, dossier, theirs, "other"), HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task DeletingAContact_RemovesItsLinks_AndKeepsTheDossiers()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var first = await DossierAsync(client);
        var second = await DossierAsync(client);
        var mark = await ContactAsync(client, "Mark");
        await LinkAsync(client, first, mark, "champion", true);
        await LinkAsync(client, second, mark, "other");
        Assert.Equal(2, (await ReadJsonAsync(await client.GetAsync($"/api/v1/contacts/{mark}"), HttpStatusCode.OK)).GetProperty("data").GetProperty("dossier_count").GetInt64());

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/contacts/{mark}")).StatusCode);

        Assert.Empty(await LinksAsync(client, first));
        Assert.Empty(await LinksAsync(client, second));
        var dossier = (await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers/{first}"), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, dossier.GetProperty("primary_contact_id").ValueKind);
    }

    [Fact]
    public async Task Notes_AreOldestFirst_InternalByDefault_AndEachIsANoteCreated()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);

        var first = await client.PostAsync($"/api/v1/dossiers/{dossier}/notes", Body("""{ "content": "Had a great first call, strong culture fit." }"""));
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await client.PostAsync($"/api/v1/dossiers/{dossier}/notes", Body("""{ "content": "Shared the proposal.", "is_internal": false }"""));

        var note = (await ReadJsonAsync(first, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(["id", "dossier_id", "content", "is_internal", "created_at"], note.EnumerateObject().Select(p => p.Name));
        Assert.True(note.GetProperty("is_internal").GetBoolean());
        Assert.Equal(dossier, Id(note, "dossier_id"));
        var list = await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers/{dossier}/notes"), HttpStatusCode.OK);
        Assert.Equal(["Had a great first call, strong culture fit.", "Shared the proposal."],
            list.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("content").GetString()));
        Assert.Equal(2, list.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(["dossier.created", "note.created", "note.created"], await OutboxTypesAsync(org));
        var payload = (await OutboxPayloadsAsync(org, "note.created"))[0];
        Assert.Equal(Id(note), Id(payload.GetProperty("data")));
    }

    [Theory]
    [InlineData("""{ "content": "" }""")]
    [InlineData("""{ "content": "   " }""")]
    [InlineData("""{ "is_internal": true }""")]
    [InlineData("""{ "content": null }""")]
    public async Task Note_WithoutContent_Is400_AndEmitsNothing(string json)
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await DossierAsync(client);

        var response = await client.PostAsync($"/api/v1/dossiers/{dossier}/notes", Body(json));

        Assert.Contains("'content'", await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }
}
