using System.Collections.Concurrent;
using LeadGrid.Application.ApiKeys;
using Microsoft.Extensions.Caching.Memory;

namespace LeadGrid.Infrastructure.ApiKeys;

/// <summary>
/// Key lookups by hash, hits and misses alike, for at most <see cref="IApiKeyCache.MaxAge"/>, bounded in size.
/// Eviction uses epochs rather than removal alone, so a lookup that was already running when a key was revoked (or
/// its organization re-planned) cannot put the old answer back into the cache.
/// </summary>
internal sealed class ApiKeyCache : IApiKeyCache, IDisposable
{
    private const int MaxEntries = 100_000;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly ConcurrentDictionary<string, long> _evictedAt = new(StringComparer.Ordinal);
    private long _epoch;

    private sealed record Entry(ApiKeyIdentity? Identity, long LoadedAt);

    public bool TryGet(byte[] hash, out ApiKeyIdentity? identity)
    {
        var hashKey = HashKey(hash);
        var found = _cache.TryGetValue(hashKey, out Entry? entry) && entry is not null && IsCurrent(hashKey, entry);
        identity = found ? entry!.Identity : null;
        return found;
    }

    public async ValueTask<ApiKeyIdentity?> GetOrLoadAsync(byte[] hash, Func<CancellationToken, Task<ApiKeyIdentity?>> load,
        CancellationToken ct)
    {
        if (TryGet(hash, out var cached))
            return cached;
        var hashKey = HashKey(hash);

        var loadedAt = Interlocked.Read(ref _epoch);
        var identity = await load(ct);
        var fresh = new Entry(identity, loadedAt);
        if (IsCurrent(hashKey, fresh))
            _cache.Set(hashKey, fresh, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = identity is null ? IApiKeyCache.MissMaxAge : IApiKeyCache.MaxAge,
            });
        return identity;
    }

    public void Evict(byte[] hash) => MarkEvicted(HashKey(hash));

    public void EvictOrganization(Guid organizationId) => MarkEvicted(OrgKey(organizationId));

    private void MarkEvicted(string key)
    {
        _evictedAt[key] = Interlocked.Increment(ref _epoch);
        _cache.Remove(key);
    }

    private bool IsCurrent(string hashKey, Entry entry) =>
        entry.LoadedAt >= _evictedAt.GetValueOrDefault(hashKey)
        && (entry.Identity is null || entry.LoadedAt >= _evictedAt.GetValueOrDefault(OrgKey(entry.Identity.OrganizationId)));

    private static string HashKey(byte[] hash) => "key:" + Convert.ToHexString(hash);

    private static string OrgKey(Guid organizationId) => "org:" + organizationId.ToString("N");

    public void Dispose() => _cache.Dispose();
}
