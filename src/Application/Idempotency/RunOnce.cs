using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Idempotency;

/// <summary>
/// SPEC §10: a request with an <c>Idempotency-Key</c>, run at most once per organization and key. A command, so the
/// unit of work owns its transaction like any other: the key is claimed in it (held until it ends), a recorded answer
/// is returned instead of running the request again, and a new request's answer is a pending write of the same
/// transaction as the change it made (the request's own command joins it), so neither can commit without the other.
/// <see cref="Run"/> is the request itself as the edge runs it, giving back the answer to keep.
/// </summary>
public sealed record RunOnce(Guid OrganizationId, string Key, byte[] RequestHash, Func<CancellationToken, Task<StoredResponse>> Run)
    : ICommand<IdempotencyLookup>;

internal sealed class RunOnceHandler(IIdempotencyStore store) : IRequestHandler<RunOnce, IdempotencyLookup>
{
    public async Task<IdempotencyLookup> Handle(RunOnce c, CancellationToken ct)
    {
        var lookup = await store.ClaimAsync(c.OrganizationId, c.Key, c.RequestHash, ct);
        if (lookup.State != IdempotencyState.New)
            return lookup;
        var response = await c.Run(ct);
        if (response.Status >= 500)
            throw new AnswerNotKeptException(response); // a failure keeps nothing: the change rolls back, the key stays free
        store.Record(c.OrganizationId, c.Key, c.RequestHash, response);
        return lookup with { Stored = response };
    }
}

/// <summary>The request answered with a failure (500 or above) without throwing: its change is rolled back and the answer is not kept.</summary>
public sealed class AnswerNotKeptException(StoredResponse response) : Exception("The request failed; its answer is not kept.")
{
    public StoredResponse Response { get; } = response;
}
