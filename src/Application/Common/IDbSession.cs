using System.Data;
using LeadGrid.Domain.Common;

namespace LeadGrid.Application.Common;

/// <summary>
/// The request's database session: one connection, at most one transaction, and the aggregates the repositories
/// loaded or added (so the unit of work can collect their events). Scoped per request.
/// </summary>
public interface IDbSession
{
    /// <summary>The connection; Dapper opens it on demand when no transaction is running.</summary>
    IDbConnection Connection { get; }

    IDbTransaction? Transaction { get; }

    Task BeginAsync(CancellationToken ct);

    /// <summary>Commits; writes still deferred go to the database together with the COMMIT, in one round trip.</summary>
    Task CommitAsync(CancellationToken ct);
    Task RollbackAsync();

    /// <summary>
    /// A write whose result nobody reads, sent with the next flush: the commit, or a statement run through the session.
    /// Reading through <see cref="Connection"/> while writes are deferred throws (the read would not see them):
    /// call <see cref="FlushAsync"/> first. Only inside a transaction.
    /// </summary>
    void Defer(string sql, object? args);

    /// <summary>Sends the deferred writes now, in one round trip.</summary>
    Task FlushAsync(CancellationToken ct);

    void Track(AggregateRoot aggregate);
    IReadOnlyCollection<AggregateRoot> Tracked { get; }

    /// <summary>Runs after a successful commit (cache eviction and the like); dropped on rollback.</summary>
    void AfterCommit(Action action);

    /// <summary>Runs after a rollback (undoing what lives outside the database); dropped on commit.</summary>
    void AfterRollback(Action action);
}
