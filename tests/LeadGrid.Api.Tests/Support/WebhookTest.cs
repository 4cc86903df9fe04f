using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LeadGrid.Api.Tests.Support;

/// <summary>Helpers for tests of webhook endpoints and deliveries, through the operator API.</summary>
public abstract class WebhookTest(ApiFactory factory) : ApiTest(factory)
{
    protected static string Prefix(Guid org) => $"/admin/v1/organizations/{org}";

    protected async Task<JsonElement> AddEndpointAsync(Guid org, string url, string[]? events = null)
    {
        var response = await Admin().PostAsJsonAsync($"{Prefix(org)}/webhook-endpoints", events is null ? new { url } : (object)new { url, events });
        return (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
    }

    protected async Task<JsonElement> EndpointAsync(Guid org, Guid endpoint) =>
        (await ReadJsonAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}"), HttpStatusCode.OK)).GetProperty("data");

    protected async Task<JsonElement> PatchEndpointAsync(Guid org, Guid endpoint, string json) =>
        (await ReadJsonAsync(await Admin().PatchAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}", Body(json)), HttpStatusCode.OK)).GetProperty("data");

    protected async Task<JsonElement[]> DeliveriesAsync(Guid org, Guid endpoint, string query = "") =>
        (await ReadJsonAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/deliveries{query}"), HttpStatusCode.OK))
        .GetProperty("data").EnumerateArray().ToArray();

    protected async Task<JsonElement> DeliveryAsync(Guid org, Guid delivery) =>
        (await ReadJsonAsync(await Admin().GetAsync($"{Prefix(org)}/webhook-deliveries/{delivery}"), HttpStatusCode.OK)).GetProperty("data");

    /// <summary>Waits until the delivery is in <paramref name="state"/> with at least <paramref name="attempts"/> attempts recorded.</summary>
    protected async Task<JsonElement> WaitForDeliveryAsync(Guid org, Guid delivery, string state, int attempts = 1)
    {
        JsonElement current = default;
        await WaitUntilAsync(async () =>
        {
            current = await DeliveryAsync(org, delivery);
            return current.GetProperty("state").GetString() == state && current.GetProperty("attempt_count").GetInt32() >= attempts;
        }, $"delivery {delivery} {state} after {attempts} attempt(s); last seen: {current}");
        return current;
    }

    /// <summary>Waits until every event of the organization has been fanned out into deliveries.</summary>
    protected static Task WaitForFanOutAsync(Guid org) =>
        WaitUntilAsync(async () => (await QueryAsync<long>("SELECT count(*) FROM outbox WHERE org_id = @org AND processed_at IS NULL",
            new { org })).Single() == 0, "the organization's events to be fanned out");

    protected static async Task<Guid[]> DeliveryIdsAsync(Guid endpoint) =>
        (await QueryAsync<Guid>("SELECT id FROM webhook_deliveries WHERE endpoint_id = @endpoint ORDER BY created_at, id",
            new { endpoint })).ToArray();

    protected static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(25);
        }
    }

    protected static async Task<JsonElement> CreateDossierAsync(HttpClient client, object? dossier = null) =>
        (await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", dossier ?? new { type = "sales", name = "KLM, Cabin crew" }),
            HttpStatusCode.Created)).GetProperty("data");

    /// <summary>An independent check of one <c>v1</c> value: HMAC-SHA256 of "t.body" with the secret, as hex.</summary>
    protected static string Sign(long t, string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));

    /// <summary>The <c>v1</c> values of a signature header, in order.</summary>
    protected static string[] V1Values(string header) =>
        header.Split(',').Where(p => p.StartsWith("v1=", StringComparison.Ordinal)).Select(p => p["v1=".Length..]).ToArray();
}
