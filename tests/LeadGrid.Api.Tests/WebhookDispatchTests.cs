using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Infrastructure.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadGrid.Api.Tests;

/// <summary>Dispatchers side by side and dispatchers that die: every committed event arrives, once in normal operation.</summary>
public class WebhookDispatchTests(ApiFactory factory) : WebhookTest(factory)
{
    [Fact]
    public async Task TwoDispatchers_Over1000Events_DeliverEachExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var org = await CreateOrganizationAsync();
        await AddEndpointAsync(org, receiver.UrlFor("a"));
        await AddEndpointAsync(org, receiver.UrlFor("b"));
        await using var second = Factory.WithWebHostBuilder(_ => { });
        _ = second.Server; // a second server on the same database: its dispatcher runs beside this suite's

        await InsertEventsAsync(ApiFactory.ConnectionString, org, 1000);

        var received = await receiver.WaitForAsync(2000, timeout: TimeSpan.FromSeconds(90));
        await Task.Delay(500); // anything sent twice would arrive by now
        Assert.Equal(2000, receiver.Received.Count);
        Assert.All(receiver.Received.GroupBy(r => (r.Path, r.EventId)), g => Assert.Single(g));
        Assert.Equal(1000, received.Where(r => r.Path == "/a").Select(r => r.EventId).Distinct().Count());
        await WaitUntilAsync(async () => (await QueryAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE org_id = @org AND state = 'succeeded' AND attempt_count = 1", new { org })).Single() == 2000,
            "2000 deliveries to be recorded as succeeded at the first attempt");
        Assert.Equal(2000L, (await QueryAsync<long>("SELECT count(*) FROM webhook_attempts")).Single());
    }

    [Fact]
    public async Task AfterKillMinus9AndARestart_EveryCommittedEventIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerWith((_, _) => new ReceiverAnswer(Delay: TimeSpan.FromMilliseconds(500)));
        await using var database = await ScratchDatabase.CreateAsync();
        var server = ServerProcess.Start(database.ConnectionString);
        Guid org;
        try
        {
            var admin = server.Client(ApiFactory.AdminToken);
            org = Id((await ReadJsonAsync(await admin.PostAsJsonAsync("/admin/v1/organizations", new { name = "Crash test", plan = "growth" }),
                HttpStatusCode.Created)).GetProperty("data"));
            var key = (await ReadJsonAsync(await admin.PostAsJsonAsync($"/admin/v1/organizations/{org}/api-keys",
                new { name = "k", scopes = new[] { "dossiers:write" } }), HttpStatusCode.Created)).GetProperty("data").GetProperty("key").GetString()!;
            await ReadJsonAsync(await admin.PostAsJsonAsync($"/admin/v1/organizations/{org}/webhook-endpoints", new { url = receiver.UrlFor("hooks") }),
                HttpStatusCode.Created);
            var client = server.Client(key);
            for (var i = 0; i < 40; i++)
                await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "sales", name = $"Deal {i}" }), HttpStatusCode.Created);

            await receiver.WaitForAsync(6); // requests are under way (each takes half a second to answer)
        }
        finally
        {
            server.Kill(); // SIGKILL: no shutdown, no chance to record what was sent
        }
        // Committed while no server runs: found by the next one's poll.
        await InsertEventsAsync(database.ConnectionString, org, 10);

        server = ServerProcess.Start(database.ConnectionString);
        try
        {
            var eventIds = await QueryOnAsync<string>(database.ConnectionString, "SELECT event_id FROM outbox");
            Assert.Equal(50, eventIds.Count);
            await receiver.WaitForAsync(50, r => true, TimeSpan.FromSeconds(90));
            await WaitUntilAsync(() => Task.FromResult(eventIds.All(id => receiver.Received.Any(r => r.EventId == id))), "every event to arrive",
                TimeSpan.FromSeconds(90));
            await WaitUntilAsync(async () => (await QueryOnAsync<long>(database.ConnectionString,
                "SELECT count(*) FROM webhook_deliveries WHERE state = 'succeeded'")).Single() == 50, "50 deliveries recorded as succeeded",
                TimeSpan.FromSeconds(30));
            // The attempts under way at the kill were sent again when their leases ran out: at least once, never lost.
            Assert.Contains(receiver.Received.GroupBy(r => r.EventId), g => g.Count() > 1);
        }
        finally
        {
            server.Kill();
        }
    }

    [Fact]
    public async Task OldDeliveredEvents_ArePrunedWithTheirDeliveries_ButNothingPendingOrRecent()
    {
        var org = await CreateOrganizationAsync();
        var endpoint = Id(await AddEndpointAsync(org, "http://127.0.0.1:9/unused"));
        await ExecuteSqlAsync("""
            WITH events (name, age, state) AS (VALUES ('old-done', 40, 'succeeded'), ('old-pending', 40, 'pending'), ('recent-done', 10, 'succeeded')),
            o AS (
                INSERT INTO outbox (id, event_id, org_id, type, payload, created_at, processed_at)
                SELECT uuid_v7(now() - make_interval(days => age)), 'evt_' || name, @org, 'note.created', '{}', now() - make_interval(days => age),
                       now() - make_interval(days => age)
                FROM events RETURNING id, event_id
            ), d AS (
                INSERT INTO webhook_deliveries (id, org_id, endpoint_id, outbox_id, event_id, event_type, state, attempt_count, max_attempts,
                                                next_attempt_at, created_at, updated_at)
                SELECT gen_random_uuid(), @org, @endpoint, o.id, o.event_id, 'note.created', e.state, 1, 10,
                       CASE WHEN e.state = 'pending' THEN now() + interval '1 day' END, now(), now()
                FROM o JOIN events e ON 'evt_' || e.name = o.event_id RETURNING id
            )
            INSERT INTO webhook_attempts (delivery_id, number, attempted_at, duration_ms) SELECT id, 1, now(), 5 FROM d
            """, new { org, endpoint });

        await Factory.Services.GetRequiredService<WebhookDispatcher>().PruneAsync(CancellationToken.None);

        Assert.Equal(["evt_old-pending", "evt_recent-done"], (await QueryAsync<string>("SELECT event_id FROM outbox ORDER BY event_id")).ToArray());
        Assert.Equal(["evt_old-pending", "evt_recent-done"],
            (await QueryAsync<string>("SELECT event_id FROM webhook_deliveries ORDER BY event_id")).ToArray());
        Assert.Equal(2L, (await QueryAsync<long>("SELECT count(*) FROM webhook_attempts")).Single());
    }

    /// <summary>Events committed by "another instance": straight into the outbox, so only a poll finds them.</summary>
    private static async Task InsertEventsAsync(string connectionString, Guid org, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO outbox (id, event_id, org_id, type, payload, created_at)
            SELECT id, 'evt_' || replace(id::text, '-', ''), @org, 'note.created',
                   json_build_object('id', 'evt_' || replace(id::text, '-', ''), 'type', 'note.created', 'created_at', '2026-04-15T12:04:10Z',
                                     'data', json_build_object('n', n)),
                   now()
            FROM (SELECT uuid_v7(now()) AS id, n FROM generate_series(1, @count) AS n) AS e
            """, connection);
        command.Parameters.AddWithValue("org", org);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryOnAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
