using LeadGrid.Domain.ApiKeys;

namespace LeadGrid.Application.ApiKeys;

/// <summary>A key as the admin API lists it: never the secret.</summary>
public sealed record ApiKeyDetails(Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, DateTimeOffset CreatedAt)
{
    private ApiKeyDetails() : this(default, "", "", [], null, null, null, default) { } // for Dapper: property mapping

    public static ApiKeyDetails From(ApiKey k) =>
        new(k.Id, k.Name, k.Prefix, k.Scopes.ToArray(), k.ExpiresAt, k.LastUsedAt, k.RevokedAt, k.CreatedAt);
}

/// <summary>The answer to creating a key: the only time <see cref="Key"/> is shown.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Key, string Prefix, string[] Scopes,
    DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);
