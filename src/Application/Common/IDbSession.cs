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
    Task CommitAsync(CancellationToken ct);
    Task RollbackAsync();

    void Track(AggregateRoot aggregate);
    IReadOnlyCollection<AggregateRoot> Tracked { get; }

    /// <summary>Runs after a successful commit (cache eviction and the like); dropped on rollback.</summary>
    void AfterCommit(Action action);

    /// <summary>Runs after a rollback (undoing what lives outside the database); dropped on commit.</summary>
    void AfterRollback(Action action);
}
