using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.ApiKeys;

namespace LeadGrid.Api.Tests;

public class DossierTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Fields =
        ["id", "type", "name", "email", "phone", "company", "role", "contact_person", "deal_size", "deal_currency", "status",
         "flow_id", "current_stage_id", "stage_entered_at", "stage_deadline_at", "assigned_to", "intake_notes", "cv_url",
         "primary_contact_id", "created_at", "updated_at"];

    private static async Task<JsonElement> CreateAsync(HttpClient client, object dossier) =>
        (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", dossier), HttpStatusCode.Created)).GetProperty("data");

    private static async Task<JsonElement> PatchAsync(HttpClient client, Guid id, string json, HttpStatusCode expected = HttpStatusCode.OK) =>
        (await ReadJsonAsync(await client.PatchAsync($"/api/v1/dossiers/{id}", Body(json)), expected)).GetProperty("data");

    private static async Task<JsonElement> FlowAsync(HttpClient client, string type) =>
        (await ReadJsonAsync(await client.GetAsync($"/api/v1/flows?type={type}"), HttpStatusCode.OK)).GetProperty("data")[0];

    private static async Task<string[]> NamesAsync(HttpClient client, string query) =>
        (await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers?{query}"), HttpStatusCode.OK)).GetProperty("data")
        .EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToArray();

    private static string Canonical(JsonElement e) =>
        JsonSerializer.Serialize(JsonSerializer.Deserialize<SortedDictionary<string, JsonElement>>(e.GetRawText()));

    [Fact]
    public async Task CreateCandidate_StartsInTheDefaultFlowsFirstStage_WithANewPrimaryContact()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var flow = await FlowAsync(client, "candidate");

        var response = await client.PostAsJsonAsync("/api/v1/dossiers", new
        {
            type = "candidate", name = "Sophie van Dijk", role = "Senior Frontend Engineer", email = "sophie@example.com",
            phone = "+31 6 12345678", company = "Adyen", intake_notes = "Strong portfolio",
        });

        var dossier = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(Fields, dossier.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"/api/v1/dossiers/{Id(dossier)}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", dossier.GetProperty("status").GetString());
        Assert.Equal(Id(flow), Id(dossier, "flow_id"));
        Assert.Equal(flow.GetProperty("stages")[0].GetProperty("id").GetGuid(), Id(dossier, "current_stage_id"));
        Assert.Equal(dossier.GetProperty("created_at").GetString(), dossier.GetProperty("stage_entered_at").GetString());
        var contact = (await ReadJsonAsync(await client.GetAsync($"/api/v1/contacts/{Id(dossier, "primary_contact_id")}"), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("Sophie van Dijk", contact.GetProperty("full_name").GetString());
        Assert.Equal(["candidate"], contact.GetProperty("kind").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("Adyen", contact.GetProperty("company").GetString());
        Assert.Equal(1, contact.GetProperty("dossier_count").GetInt64());
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
        Assert.Equal(1, (await QueryAsync<long>("SELECT count(*) FROM stage_history WHERE org_id = @org", new { org })).Single());
    }

    [Fact]
    public async Task CreatedEvent_CarriesTheFullRepresentation()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM", deal_size = 62000, deal_currency = "EUR" });

        var payload = (await OutboxPayloadsAsync(org, "dossier.created")).Single();

        Assert.StartsWith("evt_", payload.GetProperty("id").GetString());
        Assert.Equal("dossier.created", payload.GetProperty("type").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", payload.GetProperty("created_at").GetString());
        Assert.Equal(Canonical(dossier), Canonical(payload.GetProperty("data"))); // jsonb reorders keys, not values
        Assert.False(payload.TryGetProperty("previous", out _));
    }

    [Fact]
    public async Task Create_ByTheEmailOfAnExistingContact_LinksIt_InAnyCase()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var existing = (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Sophie", email = "Sophie@Example.com" }), HttpStatusCode.Created)).GetProperty("data");

        var dossier = await CreateAsync(client, new { type = "candidate", name = "Sophie van Dijk", email = "sophie@example.com" });

        Assert.Equal(Id(existing), Id(dossier, "primary_contact_id"));
        Assert.Equal(1, (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts"), HttpStatusCode.OK)).GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Create_TenAtOnceWithOneNewEmail_AllSucceedOnOneContact()
    {
        var (_, client) = await OrganizationWithClientAsync();
        using var start = new ManualResetEventSlim();

        var creates = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = $"Sophie {i}", email = i % 2 == 0 ? "new@example.com" : "NEW@example.com" });
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(creates);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var primaries = new HashSet<Guid>();
        foreach (var response in responses)
            primaries.Add(Id((await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data"), "primary_contact_id"));
        Assert.Single(primaries);
    }

    [Fact]
    public async Task CreateSales_WithNeitherContactPersonNorEmail_HasNoContact_WithContactPerson_AProspect()
    {
        var (_, client) = await OrganizationWithClientAsync();

        var bare = await CreateAsync(client, new { type = "sales", name = "KLM, Cabin crew hiring", company = "KLM" });
        var withPerson = await CreateAsync(client, new { type = "sales", name = "Rabobank", contact_person = "Mark de Vries", company = "Rabobank" });

        Assert.Equal(JsonValueKind.Null, bare.GetProperty("primary_contact_id").ValueKind);
        var contact = (await ReadJsonAsync(await client.GetAsync($"/api/v1/contacts/{Id(withPerson, "primary_contact_id")}"), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("Mark de Vries", contact.GetProperty("full_name").GetString());
        Assert.Equal(["prospect"], contact.GetProperty("kind").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(62000, (await CreateAsync(client, new { type = "sales", name = "X", deal_size = 62000.00m })).GetProperty("deal_size").GetDecimal());
    }

    [Fact]
    public async Task Create_WithContactId_LinksThatContact_AnotherOrganizationsIsRefused()
    {
        var (_, other) = await OrganizationWithClientAsync();
        var theirs = (await ReadJsonAsync(await other.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Theirs" }), HttpStatusCode.Created)).GetProperty("data");
        var (org, client) = await OrganizationWithClientAsync();
        var ours = (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Ours" }), HttpStatusCode.Created)).GetProperty("data");

        var linked = await CreateAsync(client, new { type = "candidate", name = "Ours", contact_id = Id(ours) });
        var refused = await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "X", contact_id = Id(theirs) });

        Assert.Equal(Id(ours), Id(linked, "primary_contact_id"));
        Assert.Contains("'contact_id'", await AssertErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task Create_FlowMustBeTheOrganizationsAndOfTheSameType()
    {
        var (_, other) = await OrganizationWithClientAsync();
        var theirFlow = await FlowAsync(other, "sales");
        var (_, client) = await OrganizationWithClientAsync();
        var salesFlow = await FlowAsync(client, "sales");

        var explicitFlow = await CreateAsync(client, new { type = "sales", name = "A", flow_id = Id(salesFlow) });
        var wrongType = await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "B", flow_id = Id(salesFlow) });
        var foreign = await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "sales", name = "C", flow_id = Id(theirFlow) });

        Assert.Equal(Id(salesFlow), Id(explicitFlow, "flow_id"));
        Assert.Contains("'flow_id'", await AssertErrorAsync(wrongType, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Contains("'flow_id'", await AssertErrorAsync(foreign, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Theory]
    [InlineData("""{"type":"candidate","name":"S","email":"s@example.com","deal_size":100}""", "'deal_size'")]
    [InlineData("""{"type":"candidate","name":"S","email":"s@example.com","contact_person":"M"}""", "'contact_person'")]
    [InlineData("""{"type":"candidate","name":"S","email":"s@example.com","deal_currency":"EUR"}""", "'deal_currency'")]
    [InlineData("""{"type":"sales","name":"S","email":"s@example.com","deal_currency":"EURO"}""", "'deal_currency'")]
    [InlineData("""{"type":"sales","name":"S","email":"s@example.com","deal_size":-5}""", "'deal_size'")]
    [InlineData("""{"type":"sales","name":"S","email":"s@example.com","deal_size":10.005}""", "'deal_size'")]
    [InlineData("""{"type":"sales","name":"S","email":"s@example.com","deal_size":"100"}""", "'deal_size'")]
    [InlineData("""{"type":"hiring","name":"S"}""", "'type'")]
    [InlineData("""{"name":"S"}""", "'type'")]
    [InlineData("""{"type":"candidate"}""", "'name'")]
    [InlineData("""{"type":"candidate","name":"S","email":"nope"}""", "'email'")]
    [InlineData("""{"type":"candidate","name":"S","status":"won"}""", "'status'")]
    [InlineData("""{"type":"candidate","name":"S","id":"x"}""", "'id'")]
    [InlineData("""{"type":"candidate","name":"S","cv_url":"x"}""", "'cv_url'")]
    [InlineData("""{"type":"candidate","name":"S","current_stage_id":"x"}""", "'current_stage_id'")]
    [InlineData("""{"type":"candidate","name":"S","assigned_to":"not-a-uuid"}""", "'assigned_to'")]
    [InlineData("""{"type":"candidate","name":"S","email":"s@example.com","assigned_to":"01a21324-4652-74d3-9ea8-63aaf3d37f6d"}""", "'assigned_to'")]
    public async Task Create_BadBody_Is400NamingTheField_AndLeavesNothingBehind(string json, string field)
    {
        var (org, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsync("/api/v1/dossiers", Body(json));

        Assert.Contains(field, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Empty(await OutboxTypesAsync(org));
        Assert.Equal(0, (await QueryAsync<long>("SELECT count(*) FROM dossiers WHERE org_id = @org", new { org })).Single());
        Assert.Equal(0, (await QueryAsync<long>("SELECT count(*) FROM contacts WHERE org_id = @org", new { org })).Single());
    }

    [Fact]
    public async Task Create_AssignedToAMember()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var member = (await ReadJsonAsync(await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members",
            new { email = "ann@example.com", full_name = "Ann" }), HttpStatusCode.Created)).GetProperty("data");

        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM", assigned_to = Id(member) });

        Assert.Equal(Id(member), Id(dossier, "assigned_to"));
    }

    [Fact]
    public async Task Patch_StageChange_IsUpdatedAndStageChanged_WithHistoryAndPrevious()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var flow = await FlowAsync(client, "sales");
        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM" });
        var target = flow.GetProperty("stages")[3].GetProperty("id").GetGuid();
        Factory.Clock.Advance(TimeSpan.FromHours(1));

        var moved = await PatchAsync(client, Id(dossier), $$"""{ "current_stage_id": "{{target}}", "status": "active" }""");

        Assert.Equal(target, Id(moved, "current_stage_id"));
        Assert.NotEqual(dossier.GetProperty("stage_entered_at").GetString(), moved.GetProperty("stage_entered_at").GetString());
        Assert.Equal(["dossier.created", "dossier.stage_changed", "dossier.updated"], await OutboxTypesAsync(org));
        var updated = (await OutboxPayloadsAsync(org, "dossier.updated")).Single();
        Assert.Equal(Id(dossier, "current_stage_id"), updated.GetProperty("previous").GetProperty("current_stage_id").GetGuid());
        Assert.Equal(target, updated.GetProperty("data").GetProperty("current_stage_id").GetGuid());
        var changed = (await OutboxPayloadsAsync(org, "dossier.stage_changed")).Single();
        Assert.Equal(Id(dossier, "current_stage_id"), changed.GetProperty("previous").GetProperty("current_stage_id").GetGuid());
        Assert.Equal(2, (await QueryAsync<long>("SELECT count(*) FROM stage_history WHERE org_id = @org", new { org })).Single());
    }

    [Fact]
    public async Task Patch_ToAStageOfAnotherFlow_Is400_AndEmitsNothing()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var candidateFlow = await FlowAsync(client, "candidate");
        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM" });

        var response = await client.PatchAsync($"/api/v1/dossiers/{Id(dossier)}",
            Body($$"""{ "name": "Renamed", "current_stage_id": "{{candidateFlow.GetProperty("stages")[1].GetProperty("id").GetGuid()}}" }"""));

        Assert.Contains("'current_stage_id'", await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
        Assert.Equal("KLM", (await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers/{Id(dossier)}"), HttpStatusCode.OK)).GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Patch_ThatChangesNothing_EmitsNothing_AndKeepsUpdatedAt()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM", deal_size = 62000, deal_currency = "EUR" });
        Factory.Clock.Advance(TimeSpan.FromMinutes(10));

        var same = await PatchAsync(client, Id(dossier), """{ "name": "KLM", "deal_size": 62000.00, "deal_currency": "EUR", "status": "active" }""");

        Assert.Equal(dossier.GetProperty("updated_at").GetString(), same.GetProperty("updated_at").GetString());
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }

    [Theory]
    [InlineData("""{ "name": null }""", "'name'")]
    [InlineData("""{ "status": null }""", "'status'")]
    [InlineData("""{ "current_stage_id": null }""", "'current_stage_id'")]
    [InlineData("""{ "status": "closed" }""", "'status'")]
    [InlineData("""{ "type": "candidate" }""", "'type'")]
    [InlineData("""{ "flow_id": "01a21324-4652-74d3-9ea8-63aaf3d37f6d" }""", "'flow_id'")]
    [InlineData("""{ "assigned_to": "01a21324-4652-74d3-9ea8-63aaf3d37f6d" }""", "'assigned_to'")]
    [InlineData("""{ "deal_size": "15000" }""", "'deal_size'")]
    [InlineData("""{ "name": 5 }""", "'name'")]
    [InlineData("""{ "current_stage_id": "nope" }""", "'current_stage_id'")]
    [InlineData("""{ "assigned_to": "x" }""", "'assigned_to'")]
    public async Task Patch_BadBody_Is400NamingTheField_AndEmitsNothing(string json, string field)
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM" });

        var response = await client.PatchAsync($"/api/v1/dossiers/{Id(dossier)}", Body(json));

        Assert.Contains(field, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task Patch_NullClearsOptionalFields_AndUnassigns()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var member = (await ReadJsonAsync(await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members",
            new { email = "ann@example.com", full_name = "Ann" }), HttpStatusCode.Created)).GetProperty("data");
        var dossier = await CreateAsync(client, new { type = "sales", name = "KLM", company = "KLM", deal_size = 5, assigned_to = Id(member) });

        var patched = await PatchAsync(client, Id(dossier), """{ "company": null, "deal_size": null, "assigned_to": null }""");

        foreach (var field in new[] { "company", "deal_size", "assigned_to" })
            Assert.Equal(JsonValueKind.Null, patched.GetProperty(field).ValueKind);
        var previous = (await OutboxPayloadsAsync(org, "dossier.updated")).Single().GetProperty("previous");
        Assert.Equal("KLM", previous.GetProperty("company").GetString());
        Assert.Equal(5, previous.GetProperty("deal_size").GetDecimal());
        Assert.Equal(Id(member), previous.GetProperty("assigned_to").GetGuid());
    }

    [Fact]
    public async Task Delete_Archives_Once_AndPatchRestores()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await CreateAsync(client, new { type = "candidate", name = "Sophie" });

        var archived = (await ReadJsonAsync(await client.DeleteAsync($"/api/v1/dossiers/{Id(dossier)}"), HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("archived", archived.GetProperty("status").GetString());
        Assert.Equal(["dossier.created", "dossier.deleted", "dossier.updated"], await OutboxTypesAsync(org));

        Assert.Equal("archived", (await ReadJsonAsync(await client.DeleteAsync($"/api/v1/dossiers/{Id(dossier)}"), HttpStatusCode.OK))
            .GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(3, (await OutboxTypesAsync(org)).Length);

        var restored = await PatchAsync(client, Id(dossier), """{ "status": "active" }""");
        Assert.Equal("active", restored.GetProperty("status").GetString());
        Assert.Equal(["dossier.created", "dossier.deleted", "dossier.updated", "dossier.updated"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task PatchStatusArchived_IsAlsoDeleted()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = await CreateAsync(client, new { type = "candidate", name = "Sophie" });

        await PatchAsync(client, Id(dossier), """{ "status": "archived" }""");

        Assert.Equal(["dossier.created", "dossier.deleted", "dossier.updated"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task List_LeavesOutArchived_FiltersAndIsNewestFirst()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var member = (await ReadJsonAsync(await Admin().PostAsJsonAsync($"/admin/v1/organizations/{org}/members",
            new { email = "ann@example.com", full_name = "Ann" }), HttpStatusCode.Created)).GetProperty("data");
        var salesFlow = await FlowAsync(client, "sales");
        var a = await CreateAsync(client, new { type = "sales", name = "A" });
        await CreateAsync(client, new { type = "candidate", name = "B", assigned_to = Id(member) });
        var c = await CreateAsync(client, new { type = "sales", name = "C" });
        var d = await CreateAsync(client, new { type = "candidate", name = "D" });
        await client.DeleteAsync($"/api/v1/dossiers/{Id(d)}");
        await PatchAsync(client, Id(c), $$"""{ "current_stage_id": "{{salesFlow.GetProperty("stages")[1].GetProperty("id").GetGuid()}}", "status": "won" }""");
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var since = Factory.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ");
        await PatchAsync(client, Id(a), """{ "company": "KLM" }""");

        Assert.Equal(["C", "B", "A"], await NamesAsync(client, ""));
        Assert.Equal(["C", "A"], await NamesAsync(client, "type=sales"));
        Assert.Equal(["D"], await NamesAsync(client, "status=archived"));
        Assert.Equal(["C"], await NamesAsync(client, "type=sales&status=won"));
        Assert.Equal(["C"], await NamesAsync(client, $"stage_id={salesFlow.GetProperty("stages")[1].GetProperty("id").GetGuid()}"));
        Assert.Equal(["B"], await NamesAsync(client, $"assigned_to={Id(member)}"));
        Assert.Equal(["A"], await NamesAsync(client, $"updated_since={since}"));
        Assert.Empty(await NamesAsync(client, "overdue=true"));
        Factory.Clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(["C", "B", "A"], await NamesAsync(client, "overdue=true"));

        var page = await ReadJsonAsync(await client.GetAsync("/api/v1/dossiers?per_page=2&page=2"), HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(Id(a), Id(Assert.Single(page.GetProperty("data").EnumerateArray())));
    }

    [Theory]
    [InlineData("status=closed", "'status[0]'")]
    [InlineData("type=hiring", "'type'")]
    [InlineData("stage_id=abc", "'stage_id'")]
    [InlineData("assigned_to=abc", "'assigned_to'")]
    [InlineData("updated_since=yesterday", "'updated_since'")]
    [InlineData("overdue=yes", "'overdue'")]
    [InlineData("per_page=0", "'per_page'")]
    public async Task List_BadQuery_Is400NamingTheParameter(string query, string parameter)
    {
        var (_, client) = await OrganizationWithClientAsync();

        Assert.Contains(parameter, await AssertErrorAsync(await client.GetAsync($"/api/v1/dossiers?{query}"), HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task AnotherOrganizationsDossier_IsNotFound_ExactlyLikeAnUnknownId_OnEveryRoute()
    {
        var (_, other) = await OrganizationWithClientAsync();
        var theirs = Id(await CreateAsync(other, new { type = "candidate", name = "Theirs" }));
        var (org, client) = await OrganizationWithClientAsync();
        var contact = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "C" }), HttpStatusCode.Created)).GetProperty("data"));

        foreach (var id in new[] { theirs, Guid.CreateVersion7() })
        {
            var responses = new[]
            {
                await client.GetAsync($"/api/v1/dossiers/{id}"),
                await client.PatchAsync($"/api/v1/dossiers/{id}", Body("""{"name":"X"}""")),
                await client.DeleteAsync($"/api/v1/dossiers/{id}"),
                await client.GetAsync($"/api/v1/dossiers/{id}/contacts"),
                await client.PostAsync($"/api/v1/dossiers/{id}/contacts", Body($$"""{"contact_id":"{{contact}}","role_on_dossier":"other"}""")),
                await client.DeleteAsync($"/api/v1/dossiers/{id}/contacts/{contact}"),
                await client.GetAsync($"/api/v1/dossiers/{id}/notes"),
                await client.PostAsync($"/api/v1/dossiers/{id}/notes", Body("""{"content":"x"}""")),
            };
            foreach (var response in responses)
                Assert.Equal("Dossier not found.", await AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found"));
        }
        Assert.Empty(await OutboxTypesAsync(org));
        Assert.Equal("Theirs", (await ReadJsonAsync(await other.GetAsync($"/api/v1/dossiers/{theirs}"), HttpStatusCode.OK)).GetProperty("data").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Scopes_AreCheckedPerRoute()
    {
        var org = await CreateOrganizationAsync();
        var (_, all) = await CreateKeyAsync(org);
        var dossier = Id(await CreateAsync(Client(all), new { type = "candidate", name = "S" }));
        var (_, readOnly) = await CreateKeyAsync(org, [Scopes.DossiersRead]);
        var (_, dossiersWrite) = await CreateKeyAsync(org, [Scopes.DossiersWrite]);

        Assert.Contains("dossiers:write", await AssertErrorAsync(await Client(readOnly).PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "X" }), HttpStatusCode.Forbidden, "forbidden"));
        Assert.Contains("contacts:read", await AssertErrorAsync(await Client(readOnly).GetAsync($"/api/v1/dossiers/{dossier}/contacts"), HttpStatusCode.Forbidden, "forbidden"));
        Assert.Contains("contacts:write", await AssertErrorAsync(await Client(dossiersWrite).PostAsync($"/api/v1/dossiers/{dossier}/contacts", Body("{}")), HttpStatusCode.Forbidden, "forbidden"));
        Assert.Contains("notes:read", await AssertErrorAsync(await Client(readOnly).GetAsync($"/api/v1/dossiers/{dossier}/notes"), HttpStatusCode.Forbidden, "forbidden"));
        Assert.Contains("notes:write", await AssertErrorAsync(await Client(dossiersWrite).PostAsync($"/api/v1/dossiers/{dossier}/notes", Body("{}")), HttpStatusCode.Forbidden, "forbidden"));
    }
}
