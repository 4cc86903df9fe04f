using System.Collections.Concurrent;
using System.Net;

namespace LeadGrid.Api.Auth;

/// <summary>
/// Failed key lookups per client address (the connection's, or the proxy's where one is in front): a token bucket of
/// <see cref="Burst"/>, refilled at <see cref="PerMinute"/> a minute. A lookup takes a token before it runs and gives
/// it back when the key is valid, so an address can make at most that many failing lookups, however many requests it
/// sends at once; once the bucket is empty it gets 429 for keys that would need a lookup. Keys already cached (valid
/// or not) and malformed keys cost no lookup and no token. Kept in memory, per instance.
/// </summary>
internal sealed class FailedAuthentications(TimeProvider clock)
{
    public const int PerMinute = 30;
    public const int Burst = 30;
    private const int MaxAddresses = 100_000;

    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens = tokens;
        public DateTimeOffset At = at;
    }

    /// <summary>Takes a token for a lookup, or says how long until one is available.</summary>
    public bool TryTake(IPAddress? address, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (address is null) return true;
        if (_buckets.Count >= MaxAddresses) Forget();
        var bucket = _buckets.GetOrAdd(address, _ => new Bucket(Burst, clock.GetUtcNow()));
        lock (bucket)
        {
            Refill(bucket);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }
            retryAfter = TimeSpan.FromMinutes((1 - bucket.Tokens) / PerMinute);
            return false;
        }
    }

    /// <summary>The lookup found a valid key: it was no failure.</summary>
    public void GiveBack(IPAddress? address)
    {
        if (address is null || !_buckets.TryGetValue(address, out var bucket)) return;
        lock (bucket)
            bucket.Tokens = Math.Min(Burst, bucket.Tokens + 1);
    }

    private void Refill(Bucket bucket)
    {
        var now = clock.GetUtcNow();
        bucket.Tokens = Math.Min(Burst, bucket.Tokens + (now - bucket.At).TotalMinutes * PerMinute);
        bucket.At = now;
    }

    /// <summary>Drops the addresses whose buckets are full again, which know nothing worth keeping.</summary>
    private void Forget()
    {
        foreach (var (address, bucket) in _buckets)
            lock (bucket)
            {
                Refill(bucket);
                if (bucket.Tokens >= Burst) _buckets.TryRemove(address, out _);
            }
    }
}
