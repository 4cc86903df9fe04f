using System.Collections.Concurrent;
using Dapper;
using LeadGrid.Application.ApiKeys;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrid.Infrastructure.ApiKeys;

/// <summary>
/// Remembers key use in memory (one dictionary probe per request) and lets <see cref="ApiKeyUsageFlusher"/> write it in
/// batches. A key's <c>last_used_at</c> is written at most once a minute.
/// </summary>
internal sealed class ApiKeyUsageTracker : IApiKeyUsage
{
    public static readonly TimeSpan WriteInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastWritten = new();
    private readonly ConcurrentDictionary<Guid, (Guid Org, DateTimeOffset At)> _pending = new();

    public void Record(Guid organizationId, Guid keyId, DateTimeOffset at)
    {
        if (_lastWritten.TryGetValue(keyId, out var written) && at - written < WriteInterval)
            return;
        _pending[keyId] = (organizationId, at);
    }

    public IReadOnlyList<(Guid Key, Guid Org, DateTimeOffset At)> TakePending()
    {
        var taken = new List<(Guid, Guid, DateTimeOffset)>();
        foreach (var keyId in _pending.Keys)
        {
            if (!_pending.TryRemove(keyId, out var use)) continue;
            _lastWritten[keyId] = use.At;
            taken.Add((keyId, use.Org, use.At));
        }
        return taken;
    }

    /// <summary>After a failed write: let the next use of these keys be recorded again.</summary>
    public void Forget(IEnumerable<Guid> keyIds)
    {
        foreach (var keyId in keyIds)
            _lastWritten.TryRemove(keyId, out _);
    }
}

/// <summary>Writes recorded key use every few seconds in one statement, and once more on shutdown.</summary>
internal sealed class ApiKeyUsageFlusher(ApiKeyUsageTracker tracker, NpgsqlDataSource dataSource, ILogger<ApiKeyUsageFlusher> logger)
    : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _flushing = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes what is pending; a second caller waits for a flush already running, so its writes are done on return.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await _flushing.WaitAsync(ct);
        try
        {
            await WritePendingAsync(ct);
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task WritePendingAsync(CancellationToken ct)
    {
        var uses = tracker.TakePending();
        if (uses.Count == 0) return;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE api_keys k SET last_used_at = u.at
                FROM unnest(@keys, @orgs, @ats) AS u(id, org_id, at)
                WHERE k.id = u.id AND k.org_id = u.org_id AND (k.last_used_at IS NULL OR k.last_used_at < u.at)
                """, new
            {
                keys = uses.Select(u => u.Key).ToArray(),
                orgs = uses.Select(u => u.Org).ToArray(),
                ats = uses.Select(u => u.At.UtcDateTime).ToArray(),
            }, cancellationToken: ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            tracker.Forget(uses.Select(u => u.Key));
            logger.LogWarning(ex, "Could not record the last use of {Count} API keys; will retry on their next use", uses.Count);
        }
    }
}
