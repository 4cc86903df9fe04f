using System.Net;
using System.Net.Http.Json;
using LeadGrid.Api.Tests.Support;

namespace LeadGrid.Api.Tests;

public class ConcurrencyTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task TenConcurrentMembersWithOneEmail_ExactlyOneIsCreated()
    {
        var org = await CreateOrganizationAsync();
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            var client = Admin();
            start.Wait();
            return await client.PostAsJsonAsync($"/admin/v1/organizations/{org}/members",
                new { email = i % 2 == 0 ? "race@example.com" : "RACE@example.com", full_name = $"Racer {i}" });
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "duplicate_member");
    }

    [Fact]
    public async Task TenConcurrentContactsWithOneEmail_ExactlyOneIsCreated()
    {
        var (_, client) = await OrganizationWithClientAsync();
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 10).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await client.PostAsJsonAsync("/api/v1/contacts",
                new { full_name = $"Racer {i}", email = i % 2 == 0 ? "sophie@example.com" : "Sophie@Example.com" });
        })).ToArray();
        start.Set();
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            await AssertErrorAsync(conflict, HttpStatusCode.Conflict, "duplicate_contact");
    }
}
