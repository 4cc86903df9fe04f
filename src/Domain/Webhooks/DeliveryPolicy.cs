namespace LeadGrid.Domain.Webhooks;

[System.ComponentModel.Description("Where a webhook delivery stands.")]
public enum DeliveryState
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>What one attempt amounted to: any 2xx is success; 410 Gone also disables the endpoint; anything else fails.</summary>
public enum AttemptOutcome
{
    Succeeded,
    Gone,
    Failed,
}

/// <summary>
/// The delays before each attempt: the first is the delay of the first attempt (normally none), the next ones the
/// waits after each failure. Its length is how many attempts a delivery gets.
/// </summary>
public sealed record RetrySchedule
{
    /// <summary>The Standard Webhooks schedule (SPEC §9): at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — about three days.</summary>
    public static readonly RetrySchedule Standard = new([
        TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24)]);

    public RetrySchedule(IReadOnlyList<TimeSpan> delays)
    {
        if (delays.Count == 0 || delays.Any(d => d < TimeSpan.Zero))
            throw new ArgumentException("A retry schedule needs at least one delay, none negative.", nameof(delays));
        Delays = delays;
    }

    public IReadOnlyList<TimeSpan> Delays { get; }

    public int MaxAttempts => Delays.Count;

    /// <summary>The wait before attempt <paramref name="number"/> (1-based); past the schedule, its last delay.</summary>
    public TimeSpan DelayBefore(int number) => Delays[Math.Clamp(number - 1, 0, Delays.Count - 1)];
}

/// <summary>The rules of delivery (SPEC §9): what follows an attempt, and when an endpoint is given up on.</summary>
public static class DeliveryPolicy
{
    /// <summary>
    /// An endpoint whose every attempt failed for this long is disabled. The dispatcher's SQL applies it to a whole batch
    /// of results at once (WebhookStore's EndpointsSql, the rule's only copy); this is its threshold.
    /// </summary>
    public static readonly TimeSpan DisableAfterFailingFor = TimeSpan.FromDays(5);

    /// <summary>A receiver's Retry-After is honoured up to this long.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    /// <summary>Each wait is spread by up to this fraction either way, so retries of a burst do not arrive in step.</summary>
    public const double JitterFraction = 0.1;

    public static AttemptOutcome Classify(int? statusCode) => statusCode switch
    {
        >= 200 and < 300 => AttemptOutcome.Succeeded,
        410 => AttemptOutcome.Gone,
        _ => AttemptOutcome.Failed,
    };

    /// <summary>
    /// The delivery's state after attempt <paramref name="number"/> of at most <paramref name="maxAttempts"/>: done on
    /// success, failed on 410 or after the last attempt, else pending until the schedule's next delay (spread by
    /// <paramref name="jitter"/> in [-1, 1]), and never before the receiver's Retry-After.
    /// </summary>
    public static (DeliveryState State, DateTimeOffset? NextAttemptAt) After(int number, int maxAttempts, AttemptOutcome outcome,
        TimeSpan? retryAfter, RetrySchedule schedule, DateTimeOffset now, double jitter)
    {
        if (outcome == AttemptOutcome.Succeeded) return (DeliveryState.Succeeded, null);
        if (outcome == AttemptOutcome.Gone || number >= maxAttempts) return (DeliveryState.Failed, null);
        var wait = schedule.DelayBefore(number + 1) * (1 + JitterFraction * Math.Clamp(jitter, -1, 1));
        if (retryAfter is { } asked)
            wait = TimeSpan.FromTicks(Math.Max(wait.Ticks, Math.Min(asked.Ticks, MaxRetryAfter.Ticks)));
        return (DeliveryState.Pending, now + wait);
    }
}
