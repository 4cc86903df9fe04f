using System.Net;
using System.Net.Http.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Idempotency;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadGrid.Api.Tests;

/// <summary>SPEC §10 (beyond): Idempotency-Key on POST, after the IETF draft.</summary>
public class IdempotencyTests(ApiFactory factory) : ApiTest(factory)
{
    private const string CreateDeal = """{"type":"sales","name":"Retry-safe deal","contact_person":"Mara Jansen","deal_size":12000}""";

    private static HttpRequestMessage Post(string path, string json, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Body(json) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private static async Task<long> CountAsync(string table, Guid org) =>
        (await QueryAsync<long>($"SELECT count(*) FROM {table} WHERE org_id = @org", new { org })).Single();

    [Fact]
    public async Task ARetryWithTheSameKeyAndBody_GetsTheFirstAnswerByteForByte_AndNothingRunsTwice()
    {
        var (org, client) = await OrganizationWithClientAsync();

        var first = await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "order-7781"));
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));

        var retry = await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "order-7781"));
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(firstBody, await retry.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, retry.Content.Headers.ContentType);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));

        Assert.Equal(1, await CountAsync("dossiers", org));
        Assert.Equal(1, await CountAsync("contacts", org)); // the contact person, created once
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
        Assert.Equal(1, await CountAsync("idempotency_keys", org));

        // Without a key, the same body is a new dossier, as always.
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, null))).StatusCode);
        Assert.Equal(2, await CountAsync("dossiers", org));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherRequest_Is422()
    {
        var (org, client) = await OrganizationWithClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "k-1"))).StatusCode);

        var otherBody = await client.SendAsync(Post("/api/v1/dossiers", CreateDeal.Replace("12000", "12001"), "k-1"));
        var message = await AssertErrorAsync(otherBody, (HttpStatusCode)422, "idempotency_conflict");
        Assert.Contains("different request", message);
        var otherPath = await client.SendAsync(Post("/api/v1/contacts", """{"full_name":"Mara Jansen"}""", "k-1"));
        await AssertErrorAsync(otherPath, (HttpStatusCode)422, "idempotency_conflict");

        Assert.Equal(1, await CountAsync("dossiers", org));
    }

    [Fact]
    public async Task KeysBelongToTheirOrganization()
    {
        var (orgA, a) = await OrganizationWithClientAsync();
        var (orgB, b) = await OrganizationWithClientAsync();

        Assert.Equal(HttpStatusCode.Created, (await a.SendAsync(Post("/api/v1/dossiers", CreateDeal, "shared-key"))).StatusCode);
        var other = await b.SendAsync(Post("/api/v1/dossiers", CreateDeal.Replace("12000", "5"), "shared-key"));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync("dossiers", orgA));
        Assert.Equal(1, await CountAsync("dossiers", orgB));
    }

    [Fact]
    public async Task WhileTheFirstRequestRuns_ARetryIs409WithRetryAfter()
    {
        var (org, client) = await OrganizationWithClientAsync();
        // The first request's claim is a transaction-scoped advisory lock on (organization, key): hold it here.
        await using var first = new NpgsqlConnection(ApiFactory.ConnectionString);
        await first.OpenAsync();
        await using var transaction = await first.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@org::text || '/' || @key, 0))", first, transaction))
        {
            claim.Parameters.AddWithValue("org", org);
            claim.Parameters.AddWithValue("key", "in-flight");
            await claim.ExecuteScalarAsync();
        }

        var retry = await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "in-flight"));
        await AssertErrorAsync(retry, HttpStatusCode.Conflict, "idempotency_conflict");
        Assert.Equal("1", Assert.Single(retry.Headers.GetValues("Retry-After")));
        Assert.Equal(0, await CountAsync("dossiers", org));

        await transaction.RollbackAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "in-flight"))).StatusCode);
    }

    [Fact]
    public async Task TwentyConcurrentIdenticalPosts_CreateOneDossierAndOneEvent()
    {
        var (org, client) = await OrganizationWithClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "burst-1"))));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToArray();
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.NotEmpty(created);
        Assert.Single(created, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(created.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await CountAsync("dossiers", org));
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
        // Every 409 can be retried into the one answer.
        var late = await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "burst-1"));
        Assert.Equal(created[0].Headers.Location, late.Headers.Location);
    }

    [Fact]
    public async Task AFailedRequest_DoesNotHoldItsKey()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = Id((await ReadJsonAsync(await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, null)), HttpStatusCode.Created)).GetProperty("data"));
        const string note = """{"content":"Called back about the offer."}""";

        // A 503: the note waits on a locked dossier row until the server's lock timeout.
        await using (var holder = new NpgsqlConnection(ApiFactory.ConnectionString))
        {
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM dossiers WHERE id = @id FOR UPDATE", holder, transaction))
            {
                lockRow.Parameters.AddWithValue("id", dossier);
                await lockRow.ExecuteScalarAsync();
            }
            var failed = await client.SendAsync(Post($"/api/v1/dossiers/{dossier}/notes", note, "note-1"));
            await AssertErrorAsync(failed, HttpStatusCode.ServiceUnavailable, "unavailable");
        }
        Assert.Equal(0, await CountAsync("notes", org));
        Assert.Equal(0, await CountAsync("idempotency_keys", org));

        // A 400 that the endpoint throws is not kept either: the corrected request may use the key.
        await AssertErrorAsync(await client.SendAsync(Post($"/api/v1/dossiers/{dossier}/notes", """{"content":""}""", "note-1")),
            HttpStatusCode.BadRequest, "invalid_body");

        var retried = await client.SendAsync(Post($"/api/v1/dossiers/{dossier}/notes", note, "note-1"));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.False(retried.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync("notes", org));
    }

    [Theory]
    [InlineData("ctl\u0001")]
    [InlineData("del\u007F")]
    [InlineData("tab\there")]
    [InlineData("schlüssel")]
    public async Task MalformedKeys_Are400(string key)
    {
        var (org, client) = await OrganizationWithClientAsync();
        var response = await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, key));
        var message = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains("Idempotency-Key", message);
        Assert.Equal(0, await CountAsync("dossiers", org));
    }

    [Fact]
    public async Task KeyLength_1To255()
    {
        var (_, client) = await OrganizationWithClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/contacts", """{"full_name":"One"}""", "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/contacts", """{"full_name":"Two"}""", new string('k', 255)))).StatusCode);
        await AssertErrorAsync(await client.SendAsync(Post("/api/v1/contacts", """{"full_name":"Three"}""", new string('k', 256))),
            HttpStatusCode.BadRequest, "invalid_body");
    }

    [Fact]
    public async Task ExpiredKeys_AreNewAgain_AndPruned()
    {
        var (org, client) = await OrganizationWithClientAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "old-key"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/dossiers", CreateDeal, "kept-key"))).StatusCode);
        await ExecuteSqlAsync("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'old-key'");

        // Past its 24 hours the key is free: another request may use it.
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post("/api/v1/dossiers", CreateDeal.Replace("12000", "1"), "old-key"))).StatusCode);
        Assert.Equal(3, await CountAsync("dossiers", org));
        Assert.Equal(["kept-key", "old-key"], await QueryAsync<string>("SELECT key FROM idempotency_keys WHERE org_id = @org ORDER BY key", new { org }));

        await ExecuteSqlAsync("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = 'old-key'");
        await using var scope = Factory.Services.CreateAsyncScope();
        var pruned = await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().PruneAsync(CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Equal(["kept-key"], await QueryAsync<string>("SELECT key FROM idempotency_keys WHERE org_id = @org", new { org }));
        var expiry = (await QueryAsync<DateTime>("SELECT expires_at - created_at + 'epoch'::timestamp FROM idempotency_keys WHERE org_id = @org", new { org })).Single();
        Assert.Equal(TimeSpan.FromHours(24), expiry - DateTime.UnixEpoch);
    }

    [Fact]
    public async Task OtherMethods_IgnoreTheHeader()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/flows");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "not\u0001checked");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
