using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeadGrid.Domain.ApiKeys;
using Npgsql;

namespace LeadGrid.Api.Tests.Support;

/// <summary>Base of the API tests: a clean database per test, and helpers that go through the real admin API.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ApiFactory factory) : IAsyncLifetime
{
    protected ApiFactory Factory { get; } = factory;

    public Task InitializeAsync() => Factory.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected HttpClient Anonymous() => Factory.CreateClient();

    protected HttpClient Admin()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminToken);
        return client;
    }

    protected HttpClient Client(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    protected async Task<Guid> CreateOrganizationAsync(string plan = "growth", string name = "Acme Recruiting")
    {
        var response = await Admin().PostAsJsonAsync("/admin/v1/organizations", new { name, plan });
        var body = await ReadJsonAsync(response, HttpStatusCode.Created);
        return body.GetProperty("data").GetProperty("id").GetGuid();
    }

    protected async Task<(Guid Id, string Key)> CreateKeyAsync(Guid organizationId, string[]? scopes = null, DateTimeOffset? expiresAt = null)
    {
        var response = await Admin().PostAsJsonAsync($"/admin/v1/organizations/{organizationId}/api-keys",
            new { name = "test key", scopes = scopes ?? Scopes.All.ToArray(), expires_at = expiresAt?.ToString("yyyy-MM-ddTHH:mm:ssZ") });
        var data = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        return (data.GetProperty("id").GetGuid(), data.GetProperty("key").GetString()!);
    }

    /// <summary>A growth organization and an all-scopes key for it.</summary>
    protected async Task<(Guid Org, HttpClient Client)> OrganizationWithClientAsync(params string[] scopes)
    {
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org, scopes.Length == 0 ? null : scopes);
        return (org, Client(key));
    }

    /// <summary>A JSON request body given as text (for bodies a typed object cannot express: nulls, bad values).</summary>
    protected static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    protected static Guid Id(JsonElement element, string field = "id") => element.GetProperty(field).GetGuid();

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// Asserts the error envelope: exactly {"error": {"code", "message"}} and, for an error about one input, "param"
    /// (SPEC §2), which is then the name the message starts with; returns the message.
    /// </summary>
    protected static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var (message, _) = await AssertErrorWithParamAsync(response, status, code);
        return message;
    }

    /// <summary>As <see cref="AssertErrorAsync"/>, also returning <c>param</c> (null when absent).</summary>
    protected static async Task<(string Message, string? Param)> AssertErrorWithParamAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await ReadJsonAsync(response, status);
        Assert.Equal(["error"], body.EnumerateObject().Select(p => p.Name));
        var error = body.GetProperty("error");
        var names = error.EnumerateObject().Select(p => p.Name).Order().ToArray();
        Assert.True(names.SequenceEqual(["code", "message"]) || names.SequenceEqual(["code", "message", "param"]), $"error members: {string.Join(", ", names)}");
        Assert.Equal(code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        string? param = null;
        if (error.TryGetProperty("param", out var p))
        {
            param = p.GetString();
            Assert.False(string.IsNullOrWhiteSpace(param));
            if (message!.StartsWith('\''))
                Assert.StartsWith($"'{param}'", message);
        }
        else if (code == "invalid_body" && message!.StartsWith('\''))
            Assert.Fail($"An error naming a field has no param: {message}");
        return (message!, param);
    }

    /// <summary>The event types in the organization's outbox, sorted (delivery order is not part of the contract).</summary>
    protected static async Task<string[]> OutboxTypesAsync(Guid organizationId) =>
        (await QueryAsync<string>("SELECT type FROM outbox WHERE org_id = @org ORDER BY type", new { org = organizationId })).ToArray();

    /// <summary>The outbox bodies of one type, newest last by creation time.</summary>
    protected static async Task<JsonElement[]> OutboxPayloadsAsync(Guid organizationId, string type) =>
        (await QueryAsync<string>("SELECT payload::text FROM outbox WHERE org_id = @org AND type = @type ORDER BY created_at",
            new { org = organizationId, type })).Select(p => JsonDocument.Parse(p).RootElement.Clone()).ToArray();

    protected static async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var property in parameters?.GetType().GetProperties() ?? [])
            command.Parameters.AddWithValue(property.Name, property.GetValue(parameters)!);
        var values = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    protected static async Task ExecuteSqlAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var property in parameters?.GetType().GetProperties() ?? [])
            command.Parameters.AddWithValue(property.Name, property.GetValue(parameters)!);
        await command.ExecuteNonQueryAsync();
    }
}
