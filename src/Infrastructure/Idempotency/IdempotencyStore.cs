using Dapper;
using LeadGrid.Application.Common;
using LeadGrid.Application.Idempotency;
using LeadGrid.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrid.Infrastructure.Idempotency;

/// <summary>
/// Keys in PostgreSQL. The claim is a transaction-scoped advisory lock on (organization, key), tried without
/// waiting: a second request with the key while the first runs is told so at once (409) instead of queueing, and
/// the lock ends with the first request's transaction, which also holds its recorded answer. The lock and the look-up
/// go in one round trip as two statements, so the look-up's snapshot is taken after the lock is held and sees what
/// the previous holder committed.
/// </summary>
internal sealed class IdempotencyStore(IDbSession session, NpgsqlDataSource dataSource) : IIdempotencyStore
{
    public const string Lifetime = "24 hours";

    public async Task<IdempotencyLookup> ClaimAsync(Guid organizationId, string key, byte[] requestHash, CancellationToken ct)
    {
        if (session.Transaction is null)
            throw new InvalidOperationException("An idempotency key is claimed in the unit of work's transaction.");
        using var results = await session.QueryMultipleAsync("""
            SELECT pg_try_advisory_xact_lock(hashtextextended(@OrganizationId::text || '/' || @Key, 0));
            SELECT request_hash AS RequestHash, status AS Status, content_type AS ContentType, location AS Location, body AS Body
            FROM idempotency_keys WHERE org_id = @OrganizationId AND key = @Key AND expires_at > now();
            """, new { OrganizationId = organizationId, Key = key }, ct);
        var locked = await results.ReadSingleAsync<bool>();
        var stored = await results.ReadSingleOrDefaultAsync<StoredRow>();
        if (!locked)
            return new IdempotencyLookup(IdempotencyState.InFlight);
        if (stored is null)
            return new IdempotencyLookup(IdempotencyState.New);
        return stored.RequestHash.AsSpan().SequenceEqual(requestHash)
            ? new IdempotencyLookup(IdempotencyState.Replay, new StoredResponse(stored.Status, stored.ContentType, stored.Location, stored.Body))
            : new IdempotencyLookup(IdempotencyState.Mismatch);
    }

    public void Record(Guid organizationId, string key, byte[] requestHash, StoredResponse response) =>
        session.Defer($"""
            INSERT INTO idempotency_keys (org_id, key, request_hash, status, content_type, location, body, created_at, expires_at)
            VALUES (@OrganizationId, @Key, @RequestHash, @Status, @ContentType, @Location, @Body, now(), now() + interval '{Lifetime}')
            ON CONFLICT (org_id, key) DO UPDATE SET
                request_hash = EXCLUDED.request_hash, status = EXCLUDED.status, content_type = EXCLUDED.content_type,
                location = EXCLUDED.location, body = EXCLUDED.body, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
            WHERE idempotency_keys.expires_at <= now()
            """, new
        {
            OrganizationId = organizationId, Key = key, RequestHash = requestHash, Status = (short)response.Status,
            response.ContentType, response.Location, response.Body,
        });

    public async Task<int> PruneAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var total = 0;
        while (true)
        {
            // In slices, so a large backlog never holds many row locks or one long transaction.
            var deleted = await connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
                    SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT 5000))
                """, cancellationToken: ct));
            total += deleted;
            if (deleted < 5000) return total;
        }
    }

    private sealed record StoredRow(byte[] RequestHash, short Status, string? ContentType, string? Location, byte[] Body);
}

/// <summary>Deletes expired idempotency records every 10 minutes.</summary>
internal sealed class IdempotencyKeyPruner(IServiceScopeFactory scopes, ILogger<IdempotencyKeyPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var pruned = await scope.ServiceProvider.GetRequiredService<IIdempotencyStore>().PruneAsync(stoppingToken);
                if (pruned > 0)
                    logger.LogInformation("Pruned {Count} expired idempotency keys", pruned);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Pruning expired idempotency keys failed: {Error}; retrying in 10 minutes", ex.Message);
            }
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
