using System.Globalization;
using LeadGrid.Application.RateLimits;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace LeadGrid.Infrastructure.RateLimits;

/// <summary>
/// Budgets shared by every instance (<c>RateLimits:Store=redis</c>): the same token bucket as in memory, kept in one
/// Redis hash per organization and taken by one Lua script, which runs atomically and reads Redis' own clock, so
/// instances with drifting clocks still share one budget. When Redis cannot answer (down, unreachable, slow beyond
/// 250 ms) requests are served (fail open), the headers come from this instance's own bucket, and a warning is
/// logged at most once a minute.
/// </summary>
internal sealed class RedisRateLimitStore : IRateLimitStore, IDisposable
{
    // @key the bucket, @capacity, @per_ms tokens per millisecond (LuaScript turns them into KEYS/ARGV and runs by SHA).
    // Returns {allowed, tokens left as a string}.
    private const string Script = """
        local capacity = tonumber(@capacity)
        local per_ms = tonumber(@per_ms)
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local state = redis.call('HMGET', @key, 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then
          tokens = capacity
          at = now
        end
        if now > at then
          tokens = math.min(capacity, tokens + (now - at) * per_ms)
          at = now
        end
        tokens = math.min(tokens, capacity)
        local allowed = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        end
        redis.call('HSET', @key, 'tokens', string.format('%.6f', tokens), 'at', at)
        redis.call('PEXPIRE', @key, math.ceil(capacity / per_ms) + 60000)
        return {allowed, string.format('%.6f', tokens)}
        """;

    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    private readonly Lazy<ConnectionMultiplexer> _redis;
    private readonly InMemoryRateLimitStore _fallback;
    private readonly ILogger<RedisRateLimitStore> _logger;
    private readonly TimeProvider _clock;
    private readonly LuaScript _script = LuaScript.Prepare(Script);
    private long _lastWarning = long.MinValue;

    public RedisRateLimitStore(string configuration, TimeProvider clock, ILogger<RedisRateLimitStore> logger)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false; // keep reconnecting in the background; commands fail fast meanwhile
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 1000;
        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase)) options.AsyncTimeout = 250;
        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase)) options.SyncTimeout = 250;
        _redis = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
        _fallback = new InMemoryRateLimitStore(clock);
        _logger = logger;
        _clock = clock;
    }

    public async ValueTask<RateLimitDecision> TakeAsync(Guid organizationId, RateLimit limit, CancellationToken ct)
    {
        try
        {
            var redis = _redis.Value;
            if (!redis.IsConnected)
                return FailOpen(organizationId, limit, "not connected");
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(_script, new
            {
                key = (RedisKey)$"leadgrid:ratelimit:{organizationId:N}",
                capacity = limit.PerMinute,
                per_ms = (limit.PerSecond / 1000).ToString("R", CultureInfo.InvariantCulture),
            }))!;
            var tokens = double.Parse((string)result[1]!, CultureInfo.InvariantCulture);
            return RateLimitDecision.From((int)result[0] == 1, tokens, limit);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return FailOpen(organizationId, limit, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private RateLimitDecision FailOpen(Guid organizationId, RateLimit limit, string reason)
    {
        WarnAtMostOnceAMinute(reason);
        return _fallback.Take(organizationId, limit) with { Allowed = true };
    }

    private void WarnAtMostOnceAMinute(string reason)
    {
        var now = _clock.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarning);
        if (last != long.MinValue && _clock.GetElapsedTime(last, now) < WarningInterval) return;
        if (Interlocked.CompareExchange(ref _lastWarning, now, last) != last) return;
        _logger.LogWarning("Rate limits: Redis did not answer ({Reason}); serving requests without the shared budget.", reason);
    }

    public void Dispose()
    {
        if (_redis.IsValueCreated) _redis.Value.Dispose();
    }
}
