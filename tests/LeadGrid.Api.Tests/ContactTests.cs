using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.ApiKeys;

namespace LeadGrid.Api.Tests;

public class ContactTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Fields =
        ["id", "full_name", "email", "phone", "linkedin_url", "company", "role", "city", "kind", "notes", "pool_until",
         "dossier_count", "created_at", "updated_at"];

    private static async Task<JsonElement> CreateAsync(HttpClient client, object contact) =>
        (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", contact), HttpStatusCode.Created)).GetProperty("data");

    private static async Task<JsonElement> ListAsync(HttpClient client, string query) =>
        await ReadJsonAsync(await client.GetAsync($"/api/v1/contacts?{query}"), HttpStatusCode.OK);

    private static string[] Names(JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("full_name").GetString()!).ToArray();

    [Fact]
    public async Task Create_Is201WithLocationAndEveryField()
    {
        var (_, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/contacts", new
        {
            full_name = " Sophie van Dijk ", email = "sophie@example.com", phone = "+31 6 12345678",
            linkedin_url = "https://linkedin.com/in/sophievandijk", company = "Adyen", role = "Senior Frontend Engineer",
            city = "Amsterdam", kind = new[] { "candidate", "client", "candidate" }, notes = "Met at JSConf",
            pool_until = "2027-01-01T00:00:00Z",
        });

        var data = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(Fields, data.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Sophie van Dijk", data.GetProperty("full_name").GetString());
        Assert.Equal(["candidate", "client"], data.GetProperty("kind").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("2027-01-01T00:00:00Z", data.GetProperty("pool_until").GetString());
        Assert.Equal(0, data.GetProperty("dossier_count").GetInt64());
        Assert.Equal($"/api/v1/contacts/{data.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Create_WithOnlyAName_HasEveryOtherFieldNullAndNoKinds()
    {
        var (_, client) = await OrganizationWithClientAsync();

        var data = await CreateAsync(client, new { full_name = "Mark de Vries" });

        foreach (var field in new[] { "email", "phone", "linkedin_url", "company", "role", "city", "notes", "pool_until" })
            Assert.Equal(JsonValueKind.Null, data.GetProperty(field).ValueKind);
        Assert.Equal(0, data.GetProperty("kind").GetArrayLength());
    }

    [Fact]
    public async Task Create_EmailUsedInAnyCase_Is409()
    {
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Sophie", email = "Sophie@Example.com" });

        var response = await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Other Sophie", email = "sophie@example.com" });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "duplicate_contact");
        Assert.Equal(1, (await ListAsync(client, "")).GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Patch_ToAnEmailAnotherContactUsesInAnyCase_Is409()
    {
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Sophie", email = "sophie@example.com" });
        var other = await CreateAsync(client, new { full_name = "Mark", email = "mark@example.com" });

        var response = await client.PatchAsJsonAsync($"/api/v1/contacts/{other.GetProperty("id").GetGuid()}", new { email = "Sophie@Example.com" });

        await AssertErrorAsync(response, HttpStatusCode.Conflict, "duplicate_contact");
    }

    [Fact]
    public async Task Patch_ChangingTheCaseOfItsOwnEmail_IsFine()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var sophie = await CreateAsync(client, new { full_name = "Sophie", email = "sophie@example.com" });

        var response = await client.PatchAsJsonAsync($"/api/v1/contacts/{sophie.GetProperty("id").GetGuid()}", new { email = "Sophie@Example.com" });

        Assert.Equal("Sophie@Example.com", (await ReadJsonAsync(response, HttpStatusCode.OK)).GetProperty("data").GetProperty("email").GetString());
    }

    [Fact]
    public async Task SameEmailInTwoOrganizations_IsFine()
    {
        var (_, first) = await OrganizationWithClientAsync();
        var (_, second) = await OrganizationWithClientAsync();

        await CreateAsync(first, new { full_name = "Sophie", email = "sophie@example.com" });
        await CreateAsync(second, new { full_name = "Sophie", email = "SOPHIE@example.com" });
    }

    [Theory]
    [InlineData("dijk", "Sophie van Dijk")]              // a word of full_name
    [InlineData("SOPH", "Sophie van Dijk")]              // its start, any case
    [InlineData("soph dijk", "Sophie van Dijk")]         // several words, each the start of one
    [InlineData("dijk adyen", "Sophie van Dijk")]        // …in any of the four fields
    [InlineData("SVD.RECRUITING+JOBS@EXA", "Sophie van Dijk")] // an address typed from its start
    [InlineData("svd", "Sophie van Dijk")]               // an email's parts: svd.recruiting+jobs@example.com
    [InlineData("recruit", "Sophie van Dijk")]
    [InlineData("jobs", "Sophie van Dijk")]
    [InlineData("example.com", "Sophie van Dijk")]       // a domain: the query's word is cut into parts too
    [InlineData("van-dijk", "Sophie van Dijk")]
    [InlineData("rabo", "Mark de Vries")]                // company
    [InlineData("front", "Sophie van Dijk")]             // role
    [InlineData("muller", "Jürgen Müller")]              // accent-insensitive both ways
    [InlineData("müll", "Jürgen Müller")]
    [InlineData("MÜLLER", "Jürgen Müller")]
    [InlineData("JURG mül", "Jürgen Müller")]
    [InlineData("o'br", "Aoife O'Brien")]                // a word with an apostrophe, whole…
    [InlineData("brien", "Aoife O'Brien")]               // …and its parts
    [InlineData("marie", "Anne-Marie Annan")]            // a double name's halves
    public async Task Search_MatchesTheStartOfWordsOfTheFourFields(string term, string expected)
    {
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Sophie van Dijk", email = "svd.recruiting+jobs@example.com", company = "Adyen", role = "Senior Frontend Engineer", city = "Rabat" });
        await CreateAsync(client, new { full_name = "Mark de Vries", email = "mark@rabobank.nl", company = "Rabobank", role = "Procurement" });
        await CreateAsync(client, new { full_name = "Jürgen Müller", company = "SAP", role = "CTO" });
        await CreateAsync(client, new { full_name = "Aoife O'Brien", company = "Stripe" });
        await CreateAsync(client, new { full_name = "Anne-Marie Annan" });

        var list = await ListAsync(client, $"search={Uri.EscapeDataString(term)}");

        Assert.Equal([expected], Names(list));
        Assert.Equal(1, list.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("ller")]          // the middle of a word
    [InlineData("ijk")]
    [InlineData("ample")]         // the middle of an email's part
    [InlineData("soph mark")]     // every word must match, not any
    [InlineData("amsterdam")]     // city is not searched
    [InlineData("rust")]          // notes are not searched
    [InlineData("%")]             // no wildcards
    [InlineData("s_phie")]
    [InlineData("sophie.x")]
    public async Task Search_DoesNotMatchInsideWords_NorOtherFields_NorWildcards(string term)
    {
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Sophie van Dijk", email = "sophie@example.com", company = "Adyen", city = "Amsterdam", notes = "loves rust" });
        await CreateAsync(client, new { full_name = "Mark Müller" });

        var list = await ListAsync(client, $"search={Uri.EscapeDataString(term)}");

        Assert.Empty(Names(list));
        Assert.Equal(0, list.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("o'brien:", 1)]    // ":" (a weight in tsquery) only cuts words
    [InlineData("bri*", 0)]        // "*" is a character, not a wildcard
    [InlineData("o'b|x", 0)]       // "|" (or) is part of a word, not an operator
    [InlineData("brien & !aoife", 1)] // "&" and "!" cut words, they are not and/not: brien and aoife both match
    [InlineData("<->", 0)]
    [InlineData("'", 0)]
    [InlineData("\\", 0)]
    [InlineData("a\\'b", 0)]
    [InlineData("*", 0)]
    [InlineData(",;:", 0)]          // no word at all: nothing matches
    public async Task Search_TakesTheQueryLanguagesMarksAsText_NeverA500(string term, int expected)
    {
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Aoife O'Brien", email = "a.obrien@example.com" });

        var list = await ListAsync(client, $"search={Uri.EscapeDataString(term)}");

        Assert.Equal(expected, list.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_Of101Characters_Or11Words_Is400NamingSearch()
    {
        var (_, client) = await OrganizationWithClientAsync();

        foreach (var term in new[] { new string('a', 101), "a b c d e f g h i j k" })
        {
            var (message, param) = await AssertErrorWithParamAsync(await client.GetAsync($"/api/v1/contacts?search={Uri.EscapeDataString(term)}"),
                HttpStatusCode.BadRequest, "invalid_body");
            Assert.Equal("search", param);
            Assert.Contains("'search'", message);
        }
        // The limits themselves are fine.
        await ListAsync(client, $"search={new string('a', 100)}");
        await ListAsync(client, "search=a%20b%20c%20d%20e%20f%20g%20h%20i%20j");
    }

    [Fact]
    public async Task Search_StaysCorrectAfterManyRuns()
    {
        // Past the five runs after which a prepared statement may switch to a generic plan: the search runs as an
        // auto-prepared statement behind a SET LOCAL in the same batch, and must keep reading the right result sets.
        // (That it is planned for the actual term is shown with auto_explain, not here: a test cannot see plans.)
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Sophie van Dijk" });
        await CreateAsync(client, new { full_name = "Mark de Vries" });

        for (var i = 0; i < 8; i++)
            Assert.Equal(["Sophie van Dijk"], Names(await ListAsync(client, "search=so")));
        Assert.Equal(["Mark de Vries"], Names(await ListAsync(client, "search=ma")));
    }

    [Fact]
    public async Task Kind_RepeatedMeansAnyOf()
    {
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Candidate", kind = new[] { "candidate" } });
        await CreateAsync(client, new { full_name = "Client", kind = new[] { "client", "partner" } });
        await CreateAsync(client, new { full_name = "Supplier", kind = new[] { "supplier" } });
        await CreateAsync(client, new { full_name = "Nothing" });

        var list = await ListAsync(client, "kind=candidate&kind=client");

        Assert.Equal(["Client", "Candidate"], Names(list));
        Assert.Equal(2, list.GetProperty("meta").GetProperty("total").GetInt64());
        Assert.Equal(["Client"], Names(await ListAsync(client, "kind=partner")));
    }

    [Fact]
    public async Task Pool_InPoolAndExpired()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var now = DateTimeOffset.UtcNow;
        await CreateAsync(client, new { full_name = "In pool", pool_until = now.AddDays(30).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        await CreateAsync(client, new { full_name = "Expired", pool_until = now.AddDays(-30).ToString("yyyy-MM-ddTHH:mm:ssZ") });
        await CreateAsync(client, new { full_name = "Never pooled" });

        Assert.Equal(["In pool"], Names(await ListAsync(client, "pool=in_pool")));
        Assert.Equal(["Expired"], Names(await ListAsync(client, "pool=expired")));
        Assert.Equal(3, (await ListAsync(client, "")).GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task List_IsNewestFirst_WithTheTrueTotalOnEveryPage()
    {
        var (_, client) = await OrganizationWithClientAsync();
        for (var i = 1; i <= 5; i++)
            await CreateAsync(client, new { full_name = $"Contact {i}" });

        var first = await ListAsync(client, "per_page=2");
        var third = await ListAsync(client, "per_page=2&page=3");
        var past = await ListAsync(client, "per_page=2&page=4");

        Assert.Equal(["Contact 5", "Contact 4"], Names(first));
        Assert.Equal(["Contact 1"], Names(third));
        Assert.Empty(Names(past));
        foreach (var page in new[] { first, third, past })
            Assert.Equal(5, page.GetProperty("meta").GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task List_ShowsOnlyTheCallersOrganization()
    {
        var (_, other) = await OrganizationWithClientAsync();
        await CreateAsync(other, new { full_name = "Theirs", email = "theirs@example.com" });
        var (_, client) = await OrganizationWithClientAsync();
        await CreateAsync(client, new { full_name = "Ours" });

        Assert.Equal(["Ours"], Names(await ListAsync(client, "")));
        Assert.Empty(Names(await ListAsync(client, "search=theirs")));
    }

    [Theory]
    [InlineData("""{"full_name":"S","kind":["investor"]}""", "'kind[0]'")]
    [InlineData("""{"full_name":"S","kind":"candidate"}""", "'kind'")]
    [InlineData("""{"full_name":"S","id":"01a2"}""", "'id'")]
    [InlineData("""{"full_name":"S","created_at":"2026-01-01T00:00:00Z"}""", "'created_at'")]
    [InlineData("""{"full_name":"S","dossier_count":3}""", "'dossier_count'")]
    [InlineData("""{"full_name":"S","nickname":"Soph"}""", "'nickname'")]
    [InlineData("""{"email":"s@example.com"}""", "'full_name'")]
    [InlineData("""{"full_name":"S","email":"not-an-email"}""", "'email'")]
    [InlineData("""{"full_name":"S","linkedin_url":"ftp://example.com"}""", "'linkedin_url'")]
    [InlineData("""{"full_name":"S","pool_until":"next year"}""", "'pool_until'")]
    public async Task Create_BadBody_Is400NamingTheField(string json, string field)
    {
        var (_, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsync("/api/v1/contacts", Body(json));

        Assert.Contains(field, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Theory]
    [InlineData("kind=investor", "'kind[0]'")]
    [InlineData("kind=candidate&kind=boss", "'kind[1]'")]
    [InlineData("pool=forever", "'pool'")]
    [InlineData("per_page=500", "'per_page'")]
    public async Task List_BadQuery_Is400NamingTheParameter(string query, string parameter)
    {
        var (_, client) = await OrganizationWithClientAsync();

        Assert.Contains(parameter, await AssertErrorAsync(await client.GetAsync($"/api/v1/contacts?{query}"), HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task Patch_ChangesOnlyWhatIsSent_NullClears_KindReplaces()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var sophie = await CreateAsync(client, new { full_name = "Sophie", email = "s@example.com", city = "Amsterdam", kind = new[] { "candidate", "client" } });
        var id = sophie.GetProperty("id").GetGuid();

        var patched = (await ReadJsonAsync(await client.PatchAsync($"/api/v1/contacts/{id}",
            Body("""{"city":null,"kind":["supplier"],"company":"SAP"}""")), HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(JsonValueKind.Null, patched.GetProperty("city").ValueKind);
        Assert.Equal(["supplier"], patched.GetProperty("kind").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal("SAP", patched.GetProperty("company").GetString());
        Assert.Equal("s@example.com", patched.GetProperty("email").GetString());
        Assert.Equal("Sophie", patched.GetProperty("full_name").GetString());
    }

    [Theory]
    [InlineData("""{ "pool_until": "yesterday" }""", "'pool_until'")]
    [InlineData("""{ "kind": "candidate" }""", "'kind'")]
    [InlineData("""{ "full_name": 5 }""", "'full_name'")]
    public async Task Patch_AValueOfTheWrongType_Is400NamingTheField(string json, string field)
    {
        var (_, client) = await OrganizationWithClientAsync();
        var created = await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Sophie van Dijk" }), HttpStatusCode.Created);

        var response = await client.PatchAsync($"/api/v1/contacts/{Id(created.GetProperty("data"))}", Body(json));

        Assert.Contains(field, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task Patch_ThatChangesNothing_KeepsUpdatedAt()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var sophie = await CreateAsync(client, new { full_name = "Sophie", city = "Amsterdam" });
        Factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var patched = (await ReadJsonAsync(await client.PatchAsync($"/api/v1/contacts/{sophie.GetProperty("id").GetGuid()}",
            Body("""{"city":"Amsterdam"}""")), HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(sophie.GetProperty("updated_at").GetString(), patched.GetProperty("updated_at").GetString());
    }

    [Theory]
    [InlineData("""{"full_name":null}""", "'full_name'")]
    [InlineData("""{"full_name":"  "}""", "'full_name'")]
    [InlineData("""{"kind":["boss"]}""", "'kind[0]'")]
    [InlineData("""{"id":"x"}""", "'id'")]
    [InlineData("""{"updated_at":"2026-01-01T00:00:00Z"}""", "'updated_at'")]
    public async Task Patch_BadBody_Is400NamingTheField(string json, string field)
    {
        var (_, client) = await OrganizationWithClientAsync();
        var sophie = await CreateAsync(client, new { full_name = "Sophie" });

        var response = await client.PatchAsync($"/api/v1/contacts/{sophie.GetProperty("id").GetGuid()}", Body(json));

        Assert.Contains(field, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task ConcurrentPatchesOfDifferentFields_AllSurvive()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var id = (await CreateAsync(client, new { full_name = "Sophie" })).GetProperty("id").GetGuid();
        string[] fields = ["phone", "company", "role", "city", "notes"];
        using var start = new ManualResetEventSlim();

        var patches = fields.Select(field => Task.Run(async () =>
        {
            start.Wait();
            return await client.PatchAsync($"/api/v1/contacts/{id}", Body($$"""{"{{field}}":"set {{field}}"}"""));
        })).ToArray();
        start.Set();
        Assert.All(await Task.WhenAll(patches), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var contact = (await ReadJsonAsync(await client.GetAsync($"/api/v1/contacts/{id}"), HttpStatusCode.OK)).GetProperty("data");
        foreach (var field in fields)
            Assert.Equal($"set {field}", contact.GetProperty(field).GetString());
    }

    [Fact]
    public async Task Delete_RemovesTheContactForGood()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var id = (await CreateAsync(client, new { full_name = "Sophie" })).GetProperty("id").GetGuid();

        var deleted = (await ReadJsonAsync(await client.DeleteAsync($"/api/v1/contacts/{id}"), HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(["id", "deleted"], deleted.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, deleted.GetProperty("id").GetGuid());
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        await AssertErrorAsync(await client.GetAsync($"/api/v1/contacts/{id}"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await client.DeleteAsync($"/api/v1/contacts/{id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task AnotherOrganizationsContact_IsNotFound_ExactlyLikeAnUnknownId()
    {
        var (_, other) = await OrganizationWithClientAsync();
        var theirs = (await CreateAsync(other, new { full_name = "Theirs" })).GetProperty("id").GetGuid();
        var (_, client) = await OrganizationWithClientAsync();
        var unknown = Guid.CreateVersion7();

        foreach (var id in new[] { theirs, unknown })
        {
            await AssertErrorAsync(await client.GetAsync($"/api/v1/contacts/{id}"), HttpStatusCode.NotFound, "not_found");
            await AssertErrorAsync(await client.PatchAsync($"/api/v1/contacts/{id}", Body("""{"city":"X"}""")), HttpStatusCode.NotFound, "not_found");
            await AssertErrorAsync(await client.DeleteAsync($"/api/v1/contacts/{id}"), HttpStatusCode.NotFound, "not_found");
        }
        Assert.Equal(await (await client.GetAsync($"/api/v1/contacts/{unknown}")).Content.ReadAsStringAsync(),
            await (await client.GetAsync($"/api/v1/contacts/{theirs}")).Content.ReadAsStringAsync());
        // Theirs is untouched.
        Assert.Equal("Theirs", (await ReadJsonAsync(await other.GetAsync($"/api/v1/contacts/{theirs}"), HttpStatusCode.OK))
            .GetProperty("data").GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task Writes_NeedContactsWrite_Reads_NeedContactsRead()
    {
        var (_, reader) = await OrganizationWithClientAsync(Scopes.ContactsRead);
        var (_, writer) = await OrganizationWithClientAsync(Scopes.ContactsWrite);

        Assert.Contains("contacts:write", await AssertErrorAsync(await reader.PostAsJsonAsync("/api/v1/contacts", new { full_name = "S" }), HttpStatusCode.Forbidden, "forbidden"));
        Assert.Contains("contacts:read", await AssertErrorAsync(await writer.GetAsync("/api/v1/contacts"), HttpStatusCode.Forbidden, "forbidden"));
    }
}
