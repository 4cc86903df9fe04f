using System.Net;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.ApiKeys;

namespace LeadGrid.Api.Tests;

public class FlowTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task List_ReturnsTheTwoDefaultFlowsWithEveryField()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var body = await ReadJsonAsync(await client.GetAsync("/api/v1/flows"), HttpStatusCode.OK);

        var flows = body.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["candidate", "sales"], flows.Select(f => f.GetProperty("type").GetString()).Order());
        foreach (var flow in flows)
        {
            Assert.Equal(["id", "name", "type", "is_default", "stages"], flow.EnumerateObject().Select(p => p.Name));
            Assert.True(flow.GetProperty("is_default").GetBoolean());
            foreach (var stage in flow.GetProperty("stages").EnumerateArray())
                Assert.Equal(["id", "name", "position", "deadline_days", "win_probability", "color"], stage.EnumerateObject().Select(p => p.Name));
        }
        AssertMeta(body, total: 2, page: 1, perPage: 25);
    }

    [Fact]
    public async Task List_StagesComeByPosition_AndTheSalesFlowHasItsWinProbabilities()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var body = await ReadJsonAsync(await client.GetAsync("/api/v1/flows?type=sales"), HttpStatusCode.OK);

        var sales = body.GetProperty("data").EnumerateArray().Single();
        var stages = sales.GetProperty("stages").EnumerateArray().ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], stages.Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal([14, 29, 43, 57, 71, 86], stages.Select(s => s.GetProperty("win_probability").GetInt32()));
        AssertMeta(body, total: 1, page: 1, perPage: 25);
    }

    [Fact]
    public async Task List_UnknownType_Is400NamingIt()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var message = await AssertErrorAsync(await client.GetAsync("/api/v1/flows?type=hiring"), HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains("'type'", message);
    }

    [Fact]
    public async Task List_ShowsOnlyTheCallersOrganization()
    {
        var (_, otherClient) = await OrganizationWithClientAsync(Scopes.FlowsRead);
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var theirs = await ReadJsonAsync(await otherClient.GetAsync("/api/v1/flows"), HttpStatusCode.OK);
        var ours = await ReadJsonAsync(await client.GetAsync("/api/v1/flows"), HttpStatusCode.OK);

        Assert.Equal(2, ours.GetProperty("meta").GetProperty("total").GetInt64());
        var theirIds = theirs.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("id").GetGuid());
        var ourIds = ours.GetProperty("data").EnumerateArray().Select(f => f.GetProperty("id").GetGuid());
        Assert.Empty(theirIds.Intersect(ourIds));
    }

    [Theory]
    [InlineData("per_page=0", "per_page")]
    [InlineData("per_page=101", "per_page")]
    [InlineData("per_page=abc", "per_page")]
    [InlineData("per_page=-1", "per_page")]
    [InlineData("per_page=2.5", "per_page")]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    public async Task List_BadPagination_Is400NamingTheParameter(string query, string parameter)
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var message = await AssertErrorAsync(await client.GetAsync($"/api/v1/flows?{query}"), HttpStatusCode.BadRequest, "invalid_body");
        Assert.StartsWith($"'{parameter}'", message);
    }

    [Fact]
    public async Task List_PagesKeepTheTrueTotal()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var first = await ReadJsonAsync(await client.GetAsync("/api/v1/flows?per_page=1"), HttpStatusCode.OK);
        var second = await ReadJsonAsync(await client.GetAsync("/api/v1/flows?per_page=1&page=2"), HttpStatusCode.OK);
        var past = await ReadJsonAsync(await client.GetAsync("/api/v1/flows?per_page=1&page=3"), HttpStatusCode.OK);

        AssertMeta(first, total: 2, page: 1, perPage: 1);
        AssertMeta(second, total: 2, page: 2, perPage: 1);
        AssertMeta(past, total: 2, page: 3, perPage: 1);
        Assert.Single(first.GetProperty("data").EnumerateArray());
        Assert.NotEqual(Id(first), Id(second));
        Assert.Empty(past.GetProperty("data").EnumerateArray());
        Assert.Equal(["candidate", "sales"], new[] { first, second }.Select(b => b.GetProperty("data")[0].GetProperty("type").GetString()).Order());

        static Guid Id(JsonElement body) => body.GetProperty("data")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Stages_ReturnsAllByPosition_WithPerPageTheirCount()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);
        var flows = await ReadJsonAsync(await client.GetAsync("/api/v1/flows?type=candidate"), HttpStatusCode.OK);
        var flow = flows.GetProperty("data")[0];

        var body = await ReadJsonAsync(await client.GetAsync($"/api/v1/flows/{flow.GetProperty("id").GetGuid()}/stages"), HttpStatusCode.OK);

        var stages = body.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(flow.GetProperty("stages").GetArrayLength(), stages.Length);
        Assert.Equal(stages.Select(s => s.GetProperty("position").GetInt32()).Order(), stages.Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal(flow.GetProperty("stages")[0].GetProperty("id").GetGuid(), stages[0].GetProperty("id").GetGuid());
        AssertMeta(body, total: stages.Length, page: 1, perPage: stages.Length);
    }

    [Fact]
    public async Task Stages_OfAnotherOrganizationsFlow_AreNotFound_ExactlyLikeAnUnknownId()
    {
        var (_, otherClient) = await OrganizationWithClientAsync(Scopes.FlowsRead);
        var theirs = (await ReadJsonAsync(await otherClient.GetAsync("/api/v1/flows"), HttpStatusCode.OK))
            .GetProperty("data")[0].GetProperty("id").GetGuid();
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        var foreign = await client.GetAsync($"/api/v1/flows/{theirs}/stages");
        var unknown = await client.GetAsync($"/api/v1/flows/{Guid.CreateVersion7()}/stages");

        await AssertErrorAsync(foreign, HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stages_OfSomethingThatIsNotAnId_AreNotFound()
    {
        var (_, client) = await OrganizationWithClientAsync(Scopes.FlowsRead);

        await AssertErrorAsync(await client.GetAsync("/api/v1/flows/not-a-uuid/stages"), HttpStatusCode.NotFound, "not_found");
    }

    private static void AssertMeta(JsonElement body, long total, int page, int perPage)
    {
        var meta = body.GetProperty("meta");
        Assert.Equal(total, meta.GetProperty("total").GetInt64());
        Assert.Equal(page, meta.GetProperty("page").GetInt32());
        Assert.Equal(perPage, meta.GetProperty("per_page").GetInt32());
    }
}
