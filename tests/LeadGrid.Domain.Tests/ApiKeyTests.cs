using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Tests;

public class ApiKeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 21, 14, TimeSpan.Zero);
    private static readonly Guid Org = Guid.CreateVersion7();

    [Fact]
    public void Issue_StoresOnlyTheHashOfTheReturnedToken()
    {
        var (key, token) = ApiKey.Issue(Org, " CI key ", [Scopes.FlowsRead], null, Now);

        Assert.Equal("CI key", key.Name);
        Assert.Equal(ApiKeyToken.Hash(token), key.Hash);
        Assert.Equal(ApiKeyToken.DisplayPrefix(token), key.Prefix);
        Assert.Equal(Org, key.OrganizationId);
        Assert.Null(key.RevokedAt);
    }

    [Fact]
    public void Issue_DropsDuplicateScopesAndOrdersThem()
    {
        var (key, _) = ApiKey.Issue(Org, "k", [Scopes.NotesRead, Scopes.DossiersRead, Scopes.NotesRead], null, Now);

        Assert.Equal([Scopes.DossiersRead, Scopes.NotesRead], key.Scopes);
    }

    [Fact]
    public void Issue_WithUnknownScope_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => ApiKey.Issue(Org, "k", ["flows:write"], null, Now));

        Assert.Equal((DomainError.Invalid, "Scopes[0]"), (ex.Error, ex.Member));
        Assert.Contains("flows:write", ex.Message);
    }

    [Fact]
    public void Issue_WithoutScopes_Throws() =>
        Assert.Throws<DomainException>(() => ApiKey.Issue(Org, "k", [], null, Now));

    [Fact]
    public void Issue_WithExpiryInThePast_Throws()
    {
        var ex = Assert.Throws<DomainException>(() => ApiKey.Issue(Org, "k", [Scopes.FlowsRead], Now.AddSeconds(-1), Now));

        Assert.Equal("ExpiresAt", ex.Member);
    }

    [Fact]
    public void Revoke_Twice_KeepsTheFirstRevocationTime()
    {
        var (key, _) = ApiKey.Issue(Org, "k", [Scopes.FlowsRead], null, Now);

        Assert.True(key.Revoke(Now.AddMinutes(1)));
        Assert.False(key.Revoke(Now.AddMinutes(2)));

        Assert.Equal(Now.AddMinutes(1), key.RevokedAt);
    }
}
