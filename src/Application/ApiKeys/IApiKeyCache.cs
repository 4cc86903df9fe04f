namespace LeadGrid.Application.ApiKeys;

/// <summary>What authentication needs to know about a key, cached briefly so a request costs no database round trip.</summary>
public sealed record ApiKeyIdentity
{
    public Guid KeyId { get; init; }
    public Guid OrganizationId { get; init; }
    public required byte[] Hash { get; init; }
    public required string[] Scopes { get; init; }
    public required string Plan { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>
/// The per-instance cache of key lookups (hits and misses) by key hash. Entries live at most
/// <see cref="MaxAge"/>: that is how long another instance may still accept a key revoked (or an organization
/// re-planned) elsewhere. The instance that makes the change evicts at once.
/// </summary>
public interface IApiKeyCache
{
    static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long "no such key" is remembered: a flood of made-up keys reaches the database once per key per minute at
    /// most. (A new key is never affected: nobody looked its hash up before it existed.)
    /// </summary>
    static readonly TimeSpan MissMaxAge = TimeSpan.FromMinutes(1);

    /// <summary>Whether the lookup of this hash is cached, and its answer (null: no such key).</summary>
    bool TryGet(byte[] hash, out ApiKeyIdentity? identity);

    ValueTask<ApiKeyIdentity?> GetOrLoadAsync(byte[] hash, Func<CancellationToken, Task<ApiKeyIdentity?>> load, CancellationToken ct);

    void Evict(byte[] hash);

    void EvictOrganization(Guid organizationId);
}

/// <summary>Notes that a key was used; written to <c>api_keys.last_used_at</c> in batches, at most once a minute per key.</summary>
public interface IApiKeyUsage
{
    void Record(Guid organizationId, Guid keyId, DateTimeOffset at);
}
