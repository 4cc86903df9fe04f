using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Issue 14: every input error names its field in <c>param</c> (PATCH type errors and nested paths included); a mirror
/// syncs with <c>status=all</c> and <c>updated_since</c> and learns of archivals; cursor paging is stable while rows are
/// inserted.
/// </summary>
public class SyncAndErrorTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("""{"deal_size":"15000"}""", "deal_size", "must be a number")]
    [InlineData("""{"name":5}""", "name", "must be a string")]
    [InlineData("""{"current_stage_id":"nope"}""", "current_stage_id", "must be a UUID")]
    [InlineData("""{"assigned_to":"x"}""", "assigned_to", "must be a UUID")]
    [InlineData("""{"status":"closed"}""", "status", "must be one of")]
    [InlineData("""{"status":null}""", "status", "cannot be null")]
    [InlineData("""{"deal_size":-1}""", "deal_size", "cannot be negative")]
    [InlineData("""{"deal_currency":"EURO"}""", "deal_currency", "ISO 4217")]
    [InlineData("""{"flow_id":"01a229fd-ebae-77bc-a1c8-ef60d5511809"}""", "flow_id", "Unknown or read-only field")]
    public async Task DossierPatch_TypeAndValueErrors_NameTheField(string json, string param, string says)
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "sales", name = "KLM" }), HttpStatusCode.Created))
            .GetProperty("data");

        var (message, actual) = await AssertErrorWithParamAsync(
            await client.PatchAsync($"/api/v1/dossiers/{Id(dossier)}", Body(json)), HttpStatusCode.BadRequest, "invalid_body");

        Assert.Equal(param, actual);
        Assert.Contains(says, message);
    }

    [Theory]
    [InlineData("""{"pool_until":"yesterday"}""", "pool_until", "RFC 3339")]
    [InlineData("""{"kind":"candidate"}""", "kind", "wrong type")]
    [InlineData("""{"kind":["candidate",5]}""", "kind[1]", "must be a string")]
    [InlineData("""{"kind":["candidate","boss"]}""", "kind[1]", "unknown kind 'boss'")]
    [InlineData("""{"kind":["candidate",null]}""", "kind[1]", "'kind[1]'")]
    [InlineData("""{"full_name":null}""", "full_name", "cannot be empty or null")]
    [InlineData("""{"email":"not-an-email"}""", "email", "not a valid email")]
    [InlineData("""{"linkedin_url":"ftp://x"}""", "linkedin_url", "http or https")]
    public async Task ContactPatch_TypeAndValueErrors_NameTheField_WithThePathOfNestedValues(string json, string param, string says)
    {
        var (_, client) = await OrganizationWithClientAsync();
        var contact = (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Sophie" }), HttpStatusCode.Created))
            .GetProperty("data");

        var (message, actual) = await AssertErrorWithParamAsync(
            await client.PatchAsync($"/api/v1/contacts/{Id(contact)}", Body(json)), HttpStatusCode.BadRequest, "invalid_body");

        Assert.Equal(param, actual);
        Assert.Contains(says, message);
    }

    [Theory]
    [InlineData("/api/v1/contacts?kind=candidate&kind=boss", "kind[1]")]
    [InlineData("/api/v1/dossiers?status=active&status=closed", "status[1]")]
    [InlineData("/api/v1/dossiers?status=all&status=won", "status")]
    [InlineData("/api/v1/dossiers?stage_id=nope", "stage_id")]
    [InlineData("/api/v1/dossiers?updated_since=1/2/2026", "updated_since")]
    [InlineData("/api/v1/dossiers?per_page=101", "per_page")]
    [InlineData("/api/v1/dossiers?page=2&cursor=AQ", "cursor")]
    [InlineData("/api/v1/dossiers?cursor=not-a-cursor", "cursor")]
    public async Task QueryErrors_NameTheParameter(string path, string param)
    {
        var (_, client) = await OrganizationWithClientAsync();

        var (_, actual) = await AssertErrorWithParamAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "invalid_body");

        Assert.Equal(param, actual);
    }

    [Fact]
    public async Task AConflictNamesTheField_AndErrorsAboutNoInputHaveNoParam()
    {
        var (_, client) = await OrganizationWithClientAsync();
        await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "A", email = "a@example.com" });

        var (_, conflict) = await AssertErrorWithParamAsync(
            await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "B", email = "A@example.com" }), HttpStatusCode.Conflict, "duplicate_contact");
        var (_, notFound) = await AssertErrorWithParamAsync(await client.GetAsync($"/api/v1/dossiers/{Guid.CreateVersion7()}"), HttpStatusCode.NotFound, "not_found");
        var (_, malformed) = await AssertErrorWithParamAsync(await client.PostAsync("/api/v1/contacts", Body("{\"full_name\":")), HttpStatusCode.BadRequest, "invalid_body");

        Assert.Equal("email", conflict);
        Assert.Null(notFound);
        Assert.Null(malformed);
    }

    [Fact]
    public async Task Status_IsRepeatable_OrAll_AndAMirrorWithUpdatedSinceLearnsOfArchivals()
    {
        var (_, client) = await OrganizationWithClientAsync();
        async Task<Guid> CreateAsync(string name) =>
            Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "sales", name }), HttpStatusCode.Created)).GetProperty("data"));
        var active = await CreateAsync("active");
        var won = await CreateAsync("won");
        var archived = await CreateAsync("archived");
        await client.PatchAsync($"/api/v1/dossiers/{won}", Body("""{"status":"won"}"""));
        await client.DeleteAsync($"/api/v1/dossiers/{archived}");

        async Task<(Guid[] Ids, JsonElement Meta)> ListAsync(string query)
        {
            var body = await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers?{query}"), HttpStatusCode.OK);
            return (body.GetProperty("data").EnumerateArray().Select(d => Id(d)).ToArray(), body.GetProperty("meta"));
        }

        var (anyOf, anyOfMeta) = await ListAsync("status=won&status=archived");
        var (all, allMeta) = await ListAsync("status=all");
        var (none, _) = await ListAsync("");
        Assert.Equal([archived, won], anyOf);
        Assert.Equal(2, anyOfMeta.GetProperty("total").GetInt64());
        Assert.Equal([archived, won, active], all);
        Assert.Equal(3, allMeta.GetProperty("total").GetInt64());
        Assert.True(allMeta.GetProperty("total_exact").GetBoolean());
        Assert.Equal([won, active], none);

        // The mirror saw everything up to now; then one dossier is archived: the next sync shows exactly that one, archived.
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var mark = Factory.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ");
        Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        await client.DeleteAsync($"/api/v1/dossiers/{active}");
        var sync = await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers?status=all&updated_since={Uri.EscapeDataString(mark)}"), HttpStatusCode.OK);
        var changed = Assert.Single(sync.GetProperty("data").EnumerateArray());
        Assert.Equal(active, Id(changed));
        Assert.Equal("archived", changed.GetProperty("status").GetString());
        var withoutAll = await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers?updated_since={Uri.EscapeDataString(mark)}"), HttpStatusCode.OK);
        Assert.Empty(withoutAll.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task CursorPages_WalkTheWholeListing_WithTheTotalOnEveryPage_AndEndWithoutACursor()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 11; i++)
            created.Add(Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = $"C{i}" }), HttpStatusCode.Created)).GetProperty("data")));

        var first = await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?per_page=4"), HttpStatusCode.OK);
        var meta = first.GetProperty("meta");
        Assert.Equal(1, meta.GetProperty("page").GetInt32());
        Assert.True(meta.GetProperty("has_more").GetBoolean());
        var seen = first.GetProperty("data").EnumerateArray().Select(c => Id(c)).ToList();
        var cursor = meta.GetProperty("next_cursor").GetString();
        var pages = 1;
        while (cursor is not null)
        {
            var page = await ReadJsonAsync(await client.GetAsync($"/api/v1/contacts?per_page=4&cursor={Uri.EscapeDataString(cursor)}"), HttpStatusCode.OK);
            meta = page.GetProperty("meta");
            Assert.Equal(JsonValueKind.Null, meta.GetProperty("page").ValueKind);
            Assert.Equal(11, meta.GetProperty("total").GetInt64());
            Assert.True(meta.GetProperty("total_exact").GetBoolean());
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(c => Id(c)));
            cursor = meta.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : meta.GetProperty("next_cursor").GetString();
            Assert.Equal(cursor is not null, meta.GetProperty("has_more").GetBoolean());
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(created), seen);
        // A cursor of one listing means nothing to another.
        var contactsCursor = first.GetProperty("meta").GetProperty("next_cursor").GetString()!;
        var (_, param) = await AssertErrorWithParamAsync(
            await client.GetAsync($"/api/v1/dossiers?cursor={Uri.EscapeDataString(contactsCursor)}"), HttpStatusCode.BadRequest, "invalid_body");
        Assert.Equal("cursor", param);
    }

    [Fact]
    public async Task TheOperatorsLists_PageByCursorToo()
    {
        var (org, _) = await OrganizationWithClientAsync();
        for (var i = 0; i < 4; i++)
            await CreateKeyAsync(org);
        var all = (await ReadJsonAsync(await Admin().GetAsync($"/admin/v1/organizations/{org}/api-keys?per_page=100"), HttpStatusCode.OK))
            .GetProperty("data").EnumerateArray().Select(k => Id(k)).ToArray();

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? "per_page=2" : $"per_page=2&cursor={Uri.EscapeDataString(cursor)}";
            var page = await ReadJsonAsync(await Admin().GetAsync($"/admin/v1/organizations/{org}/api-keys?{query}"), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(k => Id(k)));
            var next = page.GetProperty("meta").GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
        } while (cursor is not null);

        Assert.Equal(5, all.Length);
        Assert.Equal(all, seen);
    }

    public static TheoryData<string> Listings => new() { "contacts", "dossiers", "notes" };

    [Theory]
    [MemberData(nameof(Listings))]
    public async Task CursorPaging_WhileRowsAreInsertedConcurrently_SkipsAndRepeatsNothing(string listing)
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "sales", name = "Notes" }), HttpStatusCode.Created))
            .GetProperty("data"));
        var path = listing == "notes" ? $"/api/v1/dossiers/{dossier}/notes" : $"/api/v1/{listing}";
        async Task<Guid> InsertAsync(int i)
        {
            var response = listing switch
            {
                "contacts" => await client.PostAsJsonAsync(path, new { full_name = $"Row {i}" }),
                "dossiers" => await client.PostAsJsonAsync(path, new { type = "sales", name = $"Row {i}" }),
                _ => await client.PostAsJsonAsync(path, new { content = $"Row {i}" }),
            };
            return Id((await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data"));
        }

        var before = new HashSet<Guid> { dossier };
        for (var i = 0; i < 40; i++)
            before.Add(await InsertAsync(i));
        if (listing != "dossiers") before.Remove(dossier);

        // A writer inserts rows for as long as the reader pages through, slowly, 3 rows a page.
        using var stop = new CancellationTokenSource();
        var inserted = new ConcurrentBag<Guid>();
        var writer = Task.Run(async () =>
        {
            for (var i = 1000; !stop.IsCancellationRequested; i++)
                inserted.Add(await InsertAsync(i));
        });
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? "per_page=3" : $"per_page=3&cursor={Uri.EscapeDataString(cursor)}";
            var page = await ReadJsonAsync(await client.GetAsync($"{path}?{query}"), HttpStatusCode.OK);
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(r => Id(r)));
            var next = page.GetProperty("meta").GetProperty("next_cursor");
            cursor = next.ValueKind == JsonValueKind.Null ? null : next.GetString();
            await Task.Delay(10);
        } while (cursor is not null && seen.Count < 2000);
        await stop.CancelAsync();
        await writer;

        Assert.True(inserted.Count > 0, "The writer inserted nothing while the reader paged.");
        Assert.Equal(seen.Count, seen.Distinct().Count()); // nothing repeated
        Assert.Empty(before.Except(seen));                   // nothing that was there skipped
        Assert.Empty(seen.Except(before).Except(inserted));  // nothing made up
    }
}
