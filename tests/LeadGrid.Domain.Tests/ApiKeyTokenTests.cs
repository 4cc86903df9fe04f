using LeadGrid.Domain.ApiKeys;

namespace LeadGrid.Domain.Tests;

public class ApiKeyTokenTests
{
    [Fact]
    public void Generate_ProducesWellFormedKeysWithThePrefix()
    {
        var token = ApiKeyToken.Generate();

        Assert.StartsWith("lg_live_", token);
        Assert.Equal(ApiKeyToken.Length, token.Length);
        Assert.True(ApiKeyToken.IsWellFormed(token));
    }

    [Fact]
    public void Generate_NeverRepeatsItself()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ApiKeyToken.Generate()).ToHashSet();

        Assert.Equal(1000, tokens.Count);
    }

    [Fact]
    public void IsWellFormed_WhenOneSecretCharacterIsMistyped_IsFalse()
    {
        var token = ApiKeyToken.Generate();
        var at = ApiKeyToken.Prefix.Length + 5;
        var typo = token[..at] + (token[at] == 'a' ? 'b' : 'a') + token[(at + 1)..];

        Assert.False(ApiKeyToken.IsWellFormed(typo));
    }

    [Fact]
    public void IsWellFormed_WhenChecksumIsWrong_IsFalse()
    {
        var token = ApiKeyToken.Generate();
        var wrong = token[..^1] + (token[^1] == '0' ? '1' : '0');

        Assert.False(ApiKeyToken.IsWellFormed(wrong));
    }

    [Theory]
    [InlineData("")]
    [InlineData("lg_live_")]
    [InlineData("lg_test_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("not a key at all")]
    public void IsWellFormed_WhenShapeIsWrong_IsFalse(string token) => Assert.False(ApiKeyToken.IsWellFormed(token));

    [Fact]
    public void IsWellFormed_WhenTruncated_IsFalse()
    {
        var token = ApiKeyToken.Generate();

        Assert.False(ApiKeyToken.IsWellFormed(token.Remove(token.Length - 2)));
    }

    [Fact]
    public void Hash_IsSha256AndDeterministic()
    {
        var token = ApiKeyToken.Generate();

        Assert.Equal(32, ApiKeyToken.Hash(token).Length);
        Assert.Equal(ApiKeyToken.Hash(token), ApiKeyToken.Hash(token));
        Assert.NotEqual(ApiKeyToken.Hash(token), ApiKeyToken.Hash(ApiKeyToken.Generate()));
    }

    [Fact]
    public void DisplayPrefix_ShowsOnlyTheStartOfTheSecret()
    {
        var token = ApiKeyToken.Generate();

        var prefix = ApiKeyToken.DisplayPrefix(token);

        Assert.StartsWith("lg_live_", prefix);
        Assert.True(prefix.Length <= ApiKeyToken.Prefix.Length + 6);
        Assert.StartsWith(prefix, token);
    }
}
