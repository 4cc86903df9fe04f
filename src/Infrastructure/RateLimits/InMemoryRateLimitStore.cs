using System.Collections.Concurrent;
using LeadGrid.Application.RateLimits;

namespace LeadGrid.Infrastructure.RateLimits;

/// <summary>
/// Budgets in this process (one instance): a token bucket per organization. Requests of one organization serialize
/// on their own bucket for a few instructions; no lock is shared between organizations.
/// </summary>
internal sealed class InMemoryRateLimitStore(TimeProvider clock) : IRateLimitStore
{
    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    public ValueTask<RateLimitDecision> TakeAsync(Guid organizationId, RateLimit limit, CancellationToken ct) =>
        ValueTask.FromResult(Take(organizationId, limit));

    public RateLimitDecision Take(Guid organizationId, RateLimit limit)
    {
        var now = clock.GetTimestamp();
        var bucket = _buckets.GetOrAdd(organizationId, static (_, state) => new Bucket(state.Limit.PerMinute, state.Now), (Limit: limit, Now: now));
        lock (bucket)
        {
            var elapsed = clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds;
            if (elapsed > 0)
            {
                bucket.Tokens = Math.Min(limit.PerMinute, bucket.Tokens + elapsed * limit.PerSecond);
                bucket.Stamp = now;
            }
            bucket.Tokens = Math.Min(bucket.Tokens, limit.PerMinute); // the plan's limit may have been lowered
            var allowed = bucket.Tokens >= 1;
            if (allowed) bucket.Tokens -= 1;
            return RateLimitDecision.From(allowed, bucket.Tokens, limit);
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
    }
}
