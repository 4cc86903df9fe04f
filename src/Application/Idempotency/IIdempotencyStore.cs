namespace LeadGrid.Application.Idempotency;

/// <summary>
/// SPEC §10 (beyond), after the IETF Idempotency-Key draft: the first answer to a POST with an
/// <c>Idempotency-Key</c> is kept 24 hours per organization and key, and recorded in the request's own transaction.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for the session's transaction (<see cref="RunOnce"/>'s unit of work) until it ends: another
    /// request with the key meanwhile finds it <see cref="IdempotencyState.InFlight"/>. Then looks for a recorded answer.
    /// </summary>
    Task<IdempotencyLookup> ClaimAsync(Guid organizationId, string key, byte[] requestHash, CancellationToken ct);

    /// <summary>Records the answer; it is written with the transaction's COMMIT (no extra round trip).</summary>
    void Record(Guid organizationId, string key, byte[] requestHash, StoredResponse response);

    /// <summary>Deletes expired records; returns how many.</summary>
    Task<int> PruneAsync(CancellationToken ct);
}

public enum IdempotencyState
{
    /// <summary>Never seen (or expired): run the request, then record its answer.</summary>
    New,
    /// <summary>A request with this key is running now.</summary>
    InFlight,
    /// <summary>Answered before to the same request: replay <see cref="IdempotencyLookup.Stored"/>.</summary>
    Replay,
    /// <summary>Answered before to a different request (method, path or body).</summary>
    Mismatch,
}

public sealed record IdempotencyLookup(IdempotencyState State, StoredResponse? Stored = null);

/// <summary>What a replay repeats: the status, the headers that matter and the body, byte for byte.</summary>
public sealed record StoredResponse(int Status, string? ContentType, string? Location, byte[] Body);
