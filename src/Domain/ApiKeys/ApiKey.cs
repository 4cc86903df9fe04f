using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.ApiKeys;

/// <summary>An organization's API key. The plaintext exists only when issued; the aggregate keeps its hash.</summary>
public sealed class ApiKey : AggregateRoot
{
    private ApiKey(Guid id, Guid organizationId, string name, string prefix, byte[] hash, IReadOnlyList<string> scopes,
        DateTimeOffset? expiresAt, DateTimeOffset? revokedAt, DateTimeOffset? lastUsedAt, DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        Name = name;
        Prefix = prefix;
        Hash = hash;
        Scopes = scopes;
        ExpiresAt = expiresAt;
        RevokedAt = revokedAt;
        LastUsedAt = lastUsedAt;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public string Name { get; }
    public string Prefix { get; }
    public byte[] Hash { get; }
    public IReadOnlyList<string> Scopes { get; }
    public DateTimeOffset? ExpiresAt { get; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public DateTimeOffset? LastUsedAt { get; }
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Creates a key and returns its plaintext, which is shown once and never stored.</summary>
    public static (ApiKey Key, string Token) Issue(Guid organizationId, string? name, IEnumerable<string?>? scopes,
        DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        var checkedName = Text.Required(name, nameof(Name), Text.NameMax);
        var checkedScopes = ApiKeys.Scopes.Normalize(scopes);
        if (expiresAt is { } expiry && expiry <= now)
            throw DomainException.Invalid(nameof(ExpiresAt), "must be in the future.");
        var token = ApiKeyToken.Generate();
        var key = new ApiKey(Guid.CreateVersion7(now), organizationId, checkedName, ApiKeyToken.DisplayPrefix(token),
            ApiKeyToken.Hash(token), checkedScopes, expiresAt, null, null, now);
        return (key, token);
    }

    public static ApiKey Restore(Guid id, Guid organizationId, string name, string prefix, byte[] hash,
        IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, DateTimeOffset? revokedAt, DateTimeOffset? lastUsedAt,
        DateTimeOffset createdAt) =>
        new(id, organizationId, name, prefix, hash, scopes, expiresAt, revokedAt, lastUsedAt, createdAt);

    /// <summary>Revoking a revoked key keeps the first revocation time.</summary>
    /// <returns>Whether anything changed.</returns>
    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null) return false;
        RevokedAt = now;
        return true;
    }
}
