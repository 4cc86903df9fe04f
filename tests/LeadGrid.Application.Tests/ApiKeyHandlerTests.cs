using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Organizations;
using NSubstitute;

namespace LeadGrid.Application.Tests;

public class ApiKeyHandlerTests
{
    private readonly IOrganizationRepository _organizations = Substitute.For<IOrganizationRepository>();
    private readonly IApiKeyRepository _keys = Substitute.For<IApiKeyRepository>();
    private readonly IApiKeyCache _keyCache = Substitute.For<IApiKeyCache>();
    private readonly IDbSession _session = Substitute.For<IDbSession>();

    [Fact]
    public async Task CreateApiKey_ReturnsThePlaintextOnceAndStoresItsHash()
    {
        var organization = Organization.Create("Acme", Plan.Growth, DateTimeOffset.UtcNow);
        _organizations.GetAsync(organization.Id, Arg.Any<CancellationToken>()).Returns(organization);
        ApiKey? stored = null;
        await _keys.AddAsync(Arg.Do<ApiKey>(k => stored = k), Arg.Any<CancellationToken>());
        var handler = new CreateApiKeyHandler(_organizations, _keys, _keyCache, _session, TimeProvider.System);

        var created = await handler.Handle(
            new CreateApiKey("CI", [Scopes.FlowsRead], null) { OrganizationId = organization.Id }, CancellationToken.None);

        Assert.NotNull(stored);
        Assert.True(ApiKeyToken.IsWellFormed(created.Key));
        Assert.Equal(ApiKeyToken.Hash(created.Key), stored.Hash);
        Assert.Equal([Scopes.FlowsRead], created.Scopes);
    }

    [Fact]
    public async Task CreateApiKey_ForUnknownOrganization_IsNotFound()
    {
        var handler = new CreateApiKeyHandler(_organizations, _keys, _keyCache, _session, TimeProvider.System);

        await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(
            new CreateApiKey("CI", [Scopes.FlowsRead], null) { OrganizationId = Guid.NewGuid() }, CancellationToken.None));
        await _keys.DidNotReceive().AddAsync(Arg.Any<ApiKey>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RevokeApiKey_EvictsTheKeyAfterCommit()
    {
        var (key, _) = ApiKey.Issue(Guid.NewGuid(), "k", [Scopes.FlowsRead], null, DateTimeOffset.UtcNow);
        _keys.GetAsync(key.OrganizationId, key.Id, Arg.Any<CancellationToken>()).Returns(key);
        Action? afterCommit = null;
        _session.AfterCommit(Arg.Do<Action>(a => afterCommit = a));
        var handler = new RevokeApiKeyHandler(_keys, _keyCache, _session, TimeProvider.System);

        var result = await handler.Handle(new RevokeApiKey(key.OrganizationId, key.Id), CancellationToken.None);

        Assert.NotNull(result.RevokedAt);
        await _keys.Received(1).UpdateAsync(key, Arg.Any<CancellationToken>());
        afterCommit!();
        _keyCache.Received(1).Evict(key.Hash);
    }

    [Fact]
    public async Task RevokeApiKey_AlreadyRevoked_WritesNothing()
    {
        var (key, _) = ApiKey.Issue(Guid.NewGuid(), "k", [Scopes.FlowsRead], null, DateTimeOffset.UtcNow);
        key.Revoke(DateTimeOffset.UtcNow);
        _keys.GetAsync(key.OrganizationId, key.Id, Arg.Any<CancellationToken>()).Returns(key);
        var handler = new RevokeApiKeyHandler(_keys, _keyCache, _session, TimeProvider.System);

        await handler.Handle(new RevokeApiKey(key.OrganizationId, key.Id), CancellationToken.None);

        await _keys.DidNotReceive().UpdateAsync(Arg.Any<ApiKey>(), Arg.Any<CancellationToken>());
    }
}
