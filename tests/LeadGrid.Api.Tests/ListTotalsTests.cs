using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Common;

namespace LeadGrid.Api.Tests;

/// <summary>
/// SPEC §1's totals: exact from the organizations' counters (kept by triggers in the writing transaction) for the
/// filters they answer, counted up to 1,000 for search and the time windows, and <c>total_exact</c> in every meta.
/// </summary>
public class ListTotalsTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Counters_StayExact_WhileWritersRaceOverTheSameStagesStatusesAndKinds()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var flow = (await ReadJsonAsync(await client.GetAsync("/api/v1/flows?type=candidate"), HttpStatusCode.OK)).GetProperty("data")[0];
        var stages = flow.GetProperty("stages").EnumerateArray().Select(s => Id(s)).ToArray();
        var dossiers = new List<Guid>();
        var contacts = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            dossiers.Add(Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers",
                new { type = i % 3 == 0 ? "sales" : "candidate", name = $"Dossier {i}" }), HttpStatusCode.Created)).GetProperty("data")));
            contacts.Add(Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts",
                new { full_name = $"Contact {i}", kind = new[] { "candidate" } }), HttpStatusCode.Created)).GetProperty("data")));
        }
        var candidates = dossiers.Where((_, i) => i % 3 != 0).ToArray();
        string[] statuses = ["active", "won", "lost", "archived"];
        string[][] kindSets = [["candidate"], ["client"], ["client", "partner"], ["prospect", "supplier"], []];
        using var start = new ManualResetEventSlim();

        var writers = Enumerable.Range(0, 48).Select(i => Task.Run(async () =>
        {
            start.Wait();
            HttpResponseMessage response = (i % 6) switch
            {
                0 or 1 => await client.PatchAsJsonAsync($"/api/v1/dossiers/{candidates[i % candidates.Length]}",
                    new { current_stage_id = stages[i % stages.Length] }),
                2 => await client.PatchAsJsonAsync($"/api/v1/dossiers/{dossiers[i % dossiers.Count]}", new { status = statuses[i % statuses.Length] }),
                3 => await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = $"Racer {i}" }),
                4 => await client.PatchAsJsonAsync($"/api/v1/contacts/{contacts[i % contacts.Count]}", new { kind = kindSets[i % kindSets.Length] }),
                _ => i % 12 == 5
                    ? await client.DeleteAsync($"/api/v1/contacts/{contacts[i % contacts.Count]}")
                    : await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = $"Racer {i}", kind = kindSets[i % kindSets.Length] }),
            };
            return response;
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(writers);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode || r.StatusCode == HttpStatusCode.NotFound, $"{(int)r.StatusCode}"));

        // The counters, per key, are what counting the rows says.
        Assert.Empty(await QueryAsync<string>("""
            SELECT concat_ws(' ', org_id, type, status, stage_id) FROM (
                SELECT org_id, type, status, current_stage_id AS stage_id, count(*) AS n FROM dossiers GROUP BY 1, 2, 3, 4) AS actual
            FULL JOIN (SELECT org_id, type, status, stage_id, sum(n) AS n FROM dossier_counts GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0) AS counted
                USING (org_id, type, status, stage_id)
            WHERE actual.n IS DISTINCT FROM counted.n
            """));
        Assert.Empty(await QueryAsync<string>("""
            SELECT concat_ws(' ', org_id, kinds) FROM (
                SELECT org_id, leadgrid_kinds_mask(kinds) AS kinds, count(*) AS n FROM contacts GROUP BY 1, 2) AS actual
            FULL JOIN (SELECT org_id, kinds, sum(n) AS n FROM contact_counts GROUP BY 1, 2 HAVING sum(n) <> 0) AS counted USING (org_id, kinds)
            WHERE actual.n IS DISTINCT FROM counted.n
            """));

        // And the API's totals for the filters the counters answer are the rows' counts.
        foreach (var (query, sql) in new[]
                 {
                     ("", "status <> 'archived'"),
                     ("status=won", "status = 'won'"),
                     ("type=candidate&status=archived", "type = 'candidate' AND status = 'archived'"),
                     ($"stage_id={stages[1]}", $"status <> 'archived' AND current_stage_id = '{stages[1]}'"),
                 })
        {
            var meta = (await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers?{query}"), HttpStatusCode.OK)).GetProperty("meta");
            var expected = (await QueryAsync<long>($"SELECT count(*) FROM dossiers WHERE org_id = @org AND {sql}", new { org })).Single();
            Assert.Equal(expected, meta.GetProperty("total").GetInt64());
            Assert.True(meta.GetProperty("total_exact").GetBoolean());
        }
        var clients = (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?kind=client&kind=supplier"), HttpStatusCode.OK)).GetProperty("meta");
        Assert.Equal((await QueryAsync<long>("SELECT count(*) FROM contacts WHERE org_id = @org AND kinds && '{client,supplier}'", new { org })).Single(),
            clients.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task SearchAndTimeWindows_CountUpToAThousand_CountersCountEverything()
    {
        var (org, client) = await OrganizationWithClientAsync();
        await ExecuteSqlAsync("""
            INSERT INTO contacts (id, org_id, full_name, kinds, pool_until, created_at, updated_at)
            SELECT gen_random_uuid(), @org, 'Marta Jansen ' || i, ARRAY['candidate'], now() + interval '30 days', now(), now()
            FROM generate_series(1, 1050) AS i
            """, new { org });

        var search = (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?search=marta&per_page=5"), HttpStatusCode.OK)).GetProperty("meta");
        var pool = (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?pool=in_pool"), HttpStatusCode.OK)).GetProperty("meta");
        var narrow = (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?search=jansen%201049"), HttpStatusCode.OK)).GetProperty("meta");
        var kinds = (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?kind=candidate"), HttpStatusCode.OK)).GetProperty("meta");
        var all = (await ReadJsonAsync(await client.GetAsync("/api/v1/contacts"), HttpStatusCode.OK)).GetProperty("meta");

        AssertTotal(search, TotalRule.Cap, exact: false);
        AssertTotal(pool, TotalRule.Cap, exact: false);
        AssertTotal(narrow, 1, exact: true);
        AssertTotal(kinds, 1_050, exact: true);
        AssertTotal(all, 1_050, exact: true);
        // Past the capped total the pages still come: the cap is on counting, not on reading.
        var deep = await ReadJsonAsync(await client.GetAsync("/api/v1/contacts?search=marta&per_page=100&page=11"), HttpStatusCode.OK);
        Assert.Equal(50, deep.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task EveryListing_SaysWhetherItsTotalIsExact()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers",
            new { type = "candidate", name = "Anna", email = "anna@example.com" }), HttpStatusCode.Created)).GetProperty("data"));

        foreach (var (listing, path) in new[]
                 {
                     (client, "/api/v1/dossiers?overdue=true"), (client, "/api/v1/dossiers?updated_since=2020-01-01T00:00:00Z"),
                     (client, $"/api/v1/dossiers?assigned_to={Guid.NewGuid()}"), (client, "/api/v1/flows"),
                     (client, $"/api/v1/dossiers/{dossier}/notes"), (client, $"/api/v1/dossiers/{dossier}/contacts"),
                     (client, "/api/v1/contacts?pool=expired"), (Admin(), "/admin/v1/organizations"), (Admin(), $"/admin/v1/organizations/{org}/api-keys"),
                 })
        {
            var meta = (await ReadJsonAsync(await listing.GetAsync(path), HttpStatusCode.OK)).GetProperty("meta");
            Assert.Equal(["total", "total_exact", "page", "per_page", "has_more", "next_cursor"], meta.EnumerateObject().Select(p => p.Name));
            Assert.True(meta.GetProperty("total_exact").GetBoolean(), path);
        }
    }

    private static void AssertTotal(JsonElement meta, long total, bool exact)
    {
        Assert.Equal(total, meta.GetProperty("total").GetInt64());
        Assert.Equal(exact, meta.GetProperty("total_exact").GetBoolean());
    }
}
