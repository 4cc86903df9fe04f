namespace LeadGrid.Application.RateLimits;

/// <summary>
/// Where request budgets live (SPEC §10): one token bucket per organization holding <see cref="RateLimit.PerMinute"/>
/// requests, refilled continuously at that rate. Implementations take one token or refuse, atomically.
/// </summary>
public interface IRateLimitStore
{
    ValueTask<RateLimitDecision> TakeAsync(Guid organizationId, RateLimit limit, CancellationToken ct);
}

/// <summary>A plan's budget: <paramref name="PerMinute"/> requests, refilled at that rate.</summary>
public sealed record RateLimit(int PerMinute)
{
    public double PerSecond => PerMinute / 60.0;
}

/// <summary>
/// The answer for one request. <see cref="ResetSeconds"/> is how long until the budget is full again (a duration,
/// not a unix time); <see cref="RetryAfterSeconds"/>, when refused, how long until one request fits (≥ 1).
/// </summary>
public sealed record RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds, int RetryAfterSeconds)
{
    /// <summary>The decision after a take from a bucket that now holds <paramref name="tokens"/>.</summary>
    public static RateLimitDecision From(bool allowed, double tokens, RateLimit limit)
    {
        var missing = Math.Max(0, limit.PerMinute - tokens);
        var untilOne = Math.Max(0, 1 - tokens);
        return new RateLimitDecision(allowed, limit.PerMinute, (int)Math.Floor(Math.Max(0, tokens)),
            (int)Math.Ceiling(missing / limit.PerSecond - 1e-9),
            Math.Max(1, (int)Math.Ceiling(untilOne / limit.PerSecond - 1e-9)));
    }
}

/// <summary>
/// <c>RateLimits:&lt;plan&gt;:PerMinute</c> (growth: 600 unless configured; a plan without its own value gets growth's)
/// and <c>RateLimits:Store</c> (<c>memory</c> or <c>redis</c>).
/// </summary>
public sealed class RateLimitOptions
{
    public const int DefaultPerMinute = 600;

    public required IReadOnlyDictionary<string, RateLimit> ByPlan { get; init; }
    public required RateLimit Default { get; init; }
    public required string Store { get; init; }

    public RateLimit For(string plan) => ByPlan.TryGetValue(plan, out var limit) ? limit : Default;
}
