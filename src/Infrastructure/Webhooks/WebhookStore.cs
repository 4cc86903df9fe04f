using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>A delivery a dispatcher has claimed: what it needs to send it, and the claim its result must match.</summary>
internal sealed record ClaimedDelivery
{
    public required Guid Id { get; init; }
    public required Guid ClaimId { get; init; }
    public required Guid EndpointId { get; init; }
    public required string EventId { get; init; }
    public required string EventType { get; init; }
    public required int AttemptCount { get; init; }
    public required int MaxAttempts { get; init; }
    public required string Url { get; init; }
    public required string Secret { get; init; }
    public string? PreviousSecret { get; init; }
    public required string Body { get; init; }
}

/// <summary>One attempt's result and, by <see cref="DeliveryPolicy"/>, what follows it.</summary>
internal sealed record AttemptRecord(ClaimedDelivery Delivery, DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs,
    string? Error, string? ResponseBody, AttemptOutcome Outcome, DeliveryState State, DateTimeOffset? NextAttemptAt);

/// <summary>
/// The dispatcher's statements. Each is one round trip; together they move events from the outbox to receivers:
/// fan-out (outbox → one delivery per subscribed, enabled endpoint) and claim run as one batch; results are recorded
/// in batches; old rows are pruned. See M0007_Webhooks for the queue of endpoints and the claim protocol.
/// </summary>
internal sealed class WebhookStore([FromKeyedServices(WebhookStore.DataSourceKey)] NpgsqlDataSource dataSource, WebhookOptions options)
{
    public const string DataSourceKey = "webhooks";
    public const int FanOutBatch = 500;

    /// <summary>
    /// The dispatcher's own small pool, apart from the requests' (it can never take their connections), with
    /// asynchronous commit: a claim, fan-out or result lost in a database crash only means the attempt is made again
    /// (at least once), while the events themselves were committed durably by the changes that wrote them. Without
    /// this, each claim waits for a WAL flush, which bounds one endpoint (4 in flight) to a few hundred deliveries/s.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var csb = builder.ConnectionStringBuilder;
        csb.Options = $"{DependencyInjection.SessionLimits} -c synchronous_commit=off {csb.Options}".Trim();
        csb.MaxPoolSize = 8;
        csb.MaxAutoPrepare = 16; // the same few statements, parsed and planned once per connection
        csb.NoResetOnClose = true;
        csb.ApplicationName = "leadgrid-webhooks";
        if (csb.Timeout == new NpgsqlConnectionStringBuilder().Timeout) csb.Timeout = 5;
        return builder.Build();
    }

    /// <summary>Endpoints considered per claim: enough to fill the capacity, few enough to keep the statement short.</summary>
    private const int EndpointsPerClaim = 64;

    private const string FanOutSql = """
        WITH events AS (
            SELECT id, org_id, type, event_id FROM outbox
            WHERE processed_at IS NULL
            ORDER BY created_at, id
            LIMIT @batch
            FOR UPDATE SKIP LOCKED
        ), marked AS (
            UPDATE outbox o SET processed_at = @now FROM events e WHERE o.id = e.id
        ), inserted AS (
            INSERT INTO webhook_deliveries (id, org_id, endpoint_id, outbox_id, event_id, event_type, state, attempt_count,
                                            max_attempts, next_attempt_at, created_at, updated_at)
            SELECT uuid_v7(@now), e.org_id, w.id, e.id, e.event_id, e.type, 'pending', 0, @maxAttempts, @firstAttemptAt, @now, @now
            FROM events e JOIN webhook_endpoints w ON w.org_id = e.org_id AND w.enabled AND e.type = ANY (w.events)
            RETURNING endpoint_id
        ), queued AS (
            UPDATE webhook_endpoint_queue q SET due_at = least(q.due_at, @firstAttemptAt)
            WHERE q.endpoint_id IN (SELECT endpoint_id FROM inserted) AND q.due_at IS DISTINCT FROM least(q.due_at, @firstAttemptAt)
        )
        SELECT count(*)::int FROM events
        """;

    // In flight to an endpoint: claimed, lease not over, result not yet known to this dispatcher (@finished are results
    // waiting to be recorded). Endpoints at their limit are skipped, so they never crowd out others in LIMIT.
    private const string InFlightSql = """
        (SELECT count(*) FROM webhook_deliveries f
         WHERE f.endpoint_id = {0} AND f.claim_id IS NOT NULL AND f.state = 'pending' AND f.next_attempt_at > @now
           AND f.id <> ALL (@finished))
        """;

    private static readonly string ClaimSql = $"""
        WITH ready AS (
            SELECT q.endpoint_id FROM webhook_endpoint_queue q
            WHERE q.due_at <= @now AND {string.Format(InFlightSql, "q.endpoint_id")} < @perEndpoint
            ORDER BY q.due_at
            LIMIT @endpoints
            FOR UPDATE SKIP LOCKED
        ), endpoints AS (
            SELECT r.endpoint_id, e.enabled FROM ready r JOIN webhook_endpoints e ON e.id = r.endpoint_id
        ), picked AS (
            SELECT p.id, p.endpoint_id, p.next_attempt_at
            FROM endpoints r
            CROSS JOIN LATERAL (
                SELECT d.id, d.endpoint_id, d.next_attempt_at FROM webhook_deliveries d
                WHERE d.endpoint_id = r.endpoint_id AND d.state = 'pending' AND d.next_attempt_at <= @now
                ORDER BY d.next_attempt_at -- exactly the index's order: it stops after a few rows (with ", id" it sorted them all)
                LIMIT greatest(@perEndpoint - {string.Format(InFlightSql, "r.endpoint_id")}, 0)
                FOR UPDATE SKIP LOCKED
            ) p
            WHERE r.enabled
            ORDER BY p.next_attempt_at
            LIMIT @capacity
        ), parked AS (
            -- Disabled endpoints first (an init plan, nearly always empty), then their deliveries by index: a join let a
            -- generic plan start from every due delivery (measured: 4.5 ms per claim with 15k due).
            {WebhookQueueSql.Park("ARRAY(SELECT endpoint_id FROM endpoints WHERE NOT enabled)")}
        ), claimed AS (
            UPDATE webhook_deliveries d SET next_attempt_at = @leaseUntil, claim_id = @claimId
            FROM picked p WHERE d.id = p.id
            RETURNING d.id, d.endpoint_id, d.outbox_id, d.event_id, d.event_type, d.attempt_count, d.max_attempts
        ), requeued AS (
            UPDATE webhook_endpoint_queue q
            SET due_at = CASE
                WHEN NOT r.enabled THEN (SELECT min(d.next_attempt_at) FROM webhook_deliveries d
                                         WHERE d.endpoint_id = q.endpoint_id AND d.state = 'pending' AND d.next_attempt_at > @now)
                ELSE least((SELECT min(d.next_attempt_at) FROM webhook_deliveries d
                            WHERE d.endpoint_id = q.endpoint_id AND d.state = 'pending' AND d.id NOT IN (SELECT id FROM picked)),
                           (SELECT @leaseUntil FROM picked WHERE picked.endpoint_id = q.endpoint_id LIMIT 1))
                END
            FROM endpoints r WHERE q.endpoint_id = r.endpoint_id
        )
        -- Which secrets sign (the rule's only copy): the current one, and the one a rotation replaced until its overlap ends.
        SELECT c.id, c.endpoint_id, c.event_id, c.event_type, c.attempt_count, c.max_attempts, e.url, e.secret,
               CASE WHEN e.previous_secret_expires_at > @now THEN e.previous_secret END, o.payload::text
        FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id JOIN outbox o ON o.id = c.outbox_id
        """;

    // The rule of giving up on an endpoint, in its only copy (it decides for a whole batch of results in one statement):
    // one that answered 410 is disabled at once; one whose attempts all failed for DeliveryPolicy.DisableAfterFailingFor
    // too. A success ends a failure streak. Rows are written only when something changes.
    private const string EndpointsSql = """
        WITH x AS (
            SELECT endpoint_id, bool_or(outcome = 'gone') AS gone, bool_or(outcome = 'succeeded') AS ok,
                   min(attempted_at) FILTER (WHERE outcome = 'failed') AS first_failure
            FROM unnest(@endpointIds, @outcomes, @attemptedAts) AS r(endpoint_id, outcome, attempted_at)
            GROUP BY endpoint_id
        ), next AS (
            SELECT e.id,
                   CASE WHEN x.ok THEN NULL ELSE coalesce(e.failing_since, x.first_failure) END AS failing_since,
                   CASE WHEN NOT e.enabled THEN e.disabled_reason
                        WHEN x.gone THEN 'gone'
                        WHEN NOT x.ok AND coalesce(e.failing_since, x.first_failure) <= @giveUpBefore THEN 'failing'
                   END AS disabled_reason
            FROM x JOIN webhook_endpoints e ON e.id = x.endpoint_id
        )
        UPDATE webhook_endpoints e
        SET failing_since = n.failing_since, disabled_reason = n.disabled_reason, enabled = n.disabled_reason IS NULL,
            updated_at = CASE WHEN e.enabled AND n.disabled_reason IS NOT NULL THEN @now ELSE e.updated_at END
        FROM next n
        WHERE e.id = n.id AND (e.failing_since IS DISTINCT FROM n.failing_since OR e.disabled_reason IS DISTINCT FROM n.disabled_reason)
        """;

    // The disabled endpoints are looked up first (an init plan), so the deliveries are reached through the per-endpoint
    // index, and only for them; a join let the planner scan every delivery (measured: 4.6 ms per batch at 60k rows).
    private static readonly string ParkSql =
        WebhookQueueSql.Park("ARRAY(SELECT e.id FROM webhook_endpoints e WHERE e.id = ANY (@endpointIds) AND NOT e.enabled)");

    // Every result counts as an attempt (numbered in order under the row lock); only the claim's own result may change
    // the state, so a result that comes back after its lease ran out cannot overwrite a newer claim's.
    private const string ResultsSql = """
        WITH r AS (
            SELECT * FROM unnest(@ids, @claimIds, @states, @nextAts, @attemptedAts, @statusCodes, @durations, @errors, @bodies)
                AS r(id, claim_id, state, next_at, attempted_at, status_code, duration_ms, error, response_body)
        ), updated AS (
            UPDATE webhook_deliveries d SET
                attempt_count = d.attempt_count + 1,
                state = CASE WHEN d.claim_id = r.claim_id THEN r.state ELSE d.state END,
                next_attempt_at = CASE WHEN d.claim_id IS DISTINCT FROM r.claim_id THEN d.next_attempt_at
                                       WHEN r.state <> 'pending' THEN NULL
                                       WHEN e.enabled THEN r.next_at
                                       ELSE 'infinity' END,
                claim_id = CASE WHEN d.claim_id = r.claim_id THEN NULL ELSE d.claim_id END,
                updated_at = r.attempted_at
            FROM r, webhook_endpoints e
            WHERE d.id = r.id AND e.id = d.endpoint_id
            RETURNING d.id, d.endpoint_id, d.attempt_count, d.next_attempt_at
        ), queued AS (
            UPDATE webhook_endpoint_queue q SET due_at = least(q.due_at, m.next_at)
            FROM (SELECT endpoint_id, min(next_attempt_at) AS next_at FROM updated
                  WHERE next_attempt_at IS NOT NULL AND next_attempt_at <> 'infinity' GROUP BY endpoint_id) m
            WHERE q.endpoint_id = m.endpoint_id AND q.due_at IS DISTINCT FROM least(q.due_at, m.next_at)
        )
        INSERT INTO webhook_attempts (delivery_id, number, attempted_at, status_code, duration_ms, error, response_body)
        SELECT u.id, u.attempt_count, r.attempted_at, r.status_code, r.duration_ms, r.error, r.response_body
        FROM updated u JOIN r ON r.id = u.id
        """;

    private const string PruneSql = """
        DELETE FROM outbox WHERE id IN (
            SELECT o.id FROM outbox o
            WHERE o.id < @cutoffId AND o.processed_at IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = o.id AND d.state = 'pending')
            ORDER BY o.id
            LIMIT @batch)
        """;

    /// <summary>
    /// Fans out up to <see cref="FanOutBatch"/> events, then claims up to <paramref name="capacity"/> due deliveries
    /// (at most <see cref="WebhookOptions.MaxInFlightPerEndpoint"/> in flight per endpoint), in one round trip.
    /// </summary>
    /// <param name="finished">Claims whose results this dispatcher holds but has not recorded yet: no longer in flight.</param>
    public async Task<(int Events, IReadOnlyList<ClaimedDelivery> Claimed)> FanOutAndClaimAsync(DateTimeOffset now, int capacity,
        Guid[] finished, CancellationToken ct)
    {
        var claimId = Guid.CreateVersion7(now);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var fanOut = new NpgsqlBatchCommand(FanOutSql);
        fanOut.Parameters.Add(Timestamp("now", now));
        fanOut.Parameters.Add(new NpgsqlParameter<int>("batch", FanOutBatch));
        fanOut.Parameters.Add(new NpgsqlParameter<int>("maxAttempts", options.RetrySchedule.MaxAttempts));
        fanOut.Parameters.Add(Timestamp("firstAttemptAt", now + options.RetrySchedule.DelayBefore(1)));
        batch.BatchCommands.Add(fanOut);
        if (capacity > 0)
        {
            var claim = new NpgsqlBatchCommand(ClaimSql);
            claim.Parameters.Add(Timestamp("now", now));
            claim.Parameters.Add(Timestamp("leaseUntil", now + options.ClaimLease));
            claim.Parameters.Add(new NpgsqlParameter<Guid>("claimId", claimId));
            claim.Parameters.Add(new NpgsqlParameter<int>("perEndpoint", options.MaxInFlightPerEndpoint));
            claim.Parameters.Add(new NpgsqlParameter<int>("endpoints", Math.Min(EndpointsPerClaim, capacity)));
            claim.Parameters.Add(new NpgsqlParameter<int>("capacity", capacity));
            claim.Parameters.Add(new NpgsqlParameter<Guid[]>("finished", finished));
            batch.BatchCommands.Add(claim);
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var events = reader.GetInt32(0);
        var claimed = new List<ClaimedDelivery>();
        if (capacity > 0 && await reader.NextResultAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                claimed.Add(new ClaimedDelivery
                {
                    Id = reader.GetGuid(0),
                    ClaimId = claimId,
                    EndpointId = reader.GetGuid(1),
                    EventId = reader.GetString(2),
                    EventType = reader.GetString(3),
                    AttemptCount = reader.GetInt32(4),
                    MaxAttempts = reader.GetInt32(5),
                    Url = reader.GetString(6),
                    Secret = reader.GetString(7),
                    PreviousSecret = reader.IsDBNull(8) ? null : reader.GetString(8),
                    Body = reader.GetString(9),
                });
        }
        return (events, claimed);
    }

    /// <summary>Records results in one transaction: the endpoints' state, parked deliveries, the deliveries and their attempts.</summary>
    public async Task RecordAsync(IReadOnlyList<AttemptRecord> records, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        var endpointIds = records.Select(r => r.Delivery.EndpointId).ToArray();

        var endpoints = new NpgsqlBatchCommand(EndpointsSql);
        endpoints.Parameters.Add(new NpgsqlParameter<Guid[]>("endpointIds", endpointIds));
        endpoints.Parameters.Add(new NpgsqlParameter<string[]>("outcomes", records.Select(r => OutcomeName(r.Outcome)).ToArray()));
        endpoints.Parameters.Add(Timestamps("attemptedAts", records.Select(r => (DateTimeOffset?)r.AttemptedAt)));
        endpoints.Parameters.Add(Timestamp("giveUpBefore", now - DeliveryPolicy.DisableAfterFailingFor));
        endpoints.Parameters.Add(Timestamp("now", now));
        batch.BatchCommands.Add(endpoints);

        // Only a failure can disable an endpoint (410, or five days of failures), so only then can there be anything to park.
        if (records.Any(r => r.Outcome != AttemptOutcome.Succeeded))
        {
            var park = new NpgsqlBatchCommand(ParkSql);
            park.Parameters.Add(new NpgsqlParameter<Guid[]>("endpointIds", endpointIds.Distinct().ToArray()));
            batch.BatchCommands.Add(park);
        }

        var results = new NpgsqlBatchCommand(ResultsSql);
        results.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", records.Select(r => r.Delivery.Id).ToArray()));
        results.Parameters.Add(new NpgsqlParameter<Guid[]>("claimIds", records.Select(r => r.Delivery.ClaimId).ToArray()));
        results.Parameters.Add(new NpgsqlParameter<string[]>("states", records.Select(r => r.State.ToName()).ToArray()));
        results.Parameters.Add(Timestamps("nextAts", records.Select(r => r.NextAttemptAt)));
        results.Parameters.Add(Timestamps("attemptedAts", records.Select(r => (DateTimeOffset?)r.AttemptedAt)));
        results.Parameters.Add(new NpgsqlParameter("statusCodes", NpgsqlDbType.Array | NpgsqlDbType.Integer)
            { Value = records.Select(r => r.StatusCode).ToArray() });
        results.Parameters.Add(new NpgsqlParameter<int[]>("durations", records.Select(r => r.DurationMs).ToArray()));
        results.Parameters.Add(new NpgsqlParameter("errors", NpgsqlDbType.Array | NpgsqlDbType.Text)
            { Value = records.Select(r => r.Error).ToArray() });
        results.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Text)
            { Value = records.Select(r => r.ResponseBody).ToArray() });
        batch.BatchCommands.Add(results);

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Deletes up to <paramref name="batchSize"/> fanned-out events older than <paramref name="cutoff"/> with no pending delivery, and their deliveries.</summary>
    public async Task<int> PruneAsync(DateTimeOffset cutoff, int batchSize, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(PruneSql);
        command.Parameters.Add(new NpgsqlParameter<Guid>("cutoffId", FirstVersion7At(cutoff)));
        command.Parameters.Add(new NpgsqlParameter<int>("batch", batchSize));
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The smallest UUIDv7 of <paramref name="at"/>'s millisecond: every id made earlier sorts below it.</summary>
    internal static Guid FirstVersion7At(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--, ms >>= 8)
            bytes[i] = (byte)ms;
        return new Guid(bytes, bigEndian: true);
    }

    private static string OutcomeName(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "succeeded",
        AttemptOutcome.Gone => "gone",
        _ => "failed",
    };

    private static NpgsqlParameter Timestamp(string name, DateTimeOffset value) =>
        new NpgsqlParameter<DateTime>(name, value.UtcDateTime);

    private static NpgsqlParameter Timestamps(string name, IEnumerable<DateTimeOffset?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = values.Select(v => v?.UtcDateTime).ToArray() };
}
