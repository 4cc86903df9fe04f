using System.Net;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Infrastructure.ApiKeys;

namespace LeadGrid.Api.Tests;

/// <summary>What keeps made-up keys from driving database lookups (issue 9), on their own.</summary>
public class AuthenticationLimitsTests
{
    [Fact]
    public async Task AnUnknownKey_IsLookedUpOnce_AndRememberedForAMinute()
    {
        using var cache = new ApiKeyCache();
        var hash = ApiKeyToken.Hash(ApiKeyToken.Generate());
        var lookups = 0;

        for (var i = 0; i < 5; i++)
            Assert.Null(await cache.GetOrLoadAsync(hash, _ => { lookups++; return Task.FromResult<ApiKeyIdentity?>(null); }, CancellationToken.None));

        Assert.Equal(1, lookups);
        Assert.True(cache.TryGet(hash, out var remembered) && remembered is null);
        Assert.Equal(TimeSpan.FromMinutes(1), IApiKeyCache.MissMaxAge);
    }

    [Fact]
    public void AnAddress_Gets30FailedLookups_ThenOneMoreEveryTwoSeconds_AndOthersAreUnaffected()
    {
        var clock = new TestClock();
        var failures = new FailedAuthentications(clock);
        var attacker = IPAddress.Parse("203.0.113.9");

        for (var i = 0; i < FailedAuthentications.Burst; i++)
            Assert.True(failures.TryTake(attacker, out _));

        Assert.False(failures.TryTake(attacker, out var wait));
        Assert.InRange(wait.TotalSeconds, 1.9, 2.0);
        Assert.True(failures.TryTake(IPAddress.Parse("203.0.113.10"), out _));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(failures.TryTake(attacker, out _));
        Assert.False(failures.TryTake(attacker, out _));
        failures.GiveBack(attacker); // that lookup found a valid key
        Assert.True(failures.TryTake(attacker, out _));
        Assert.True(failures.TryTake(null, out _));
    }
}
