using System.Data;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrid.Infrastructure.Database;

/// <summary>One connection per request scope, opened on demand; one transaction at a time; tracked aggregates.</summary>
internal sealed class DbSession(NpgsqlDataSource dataSource, ILogger<DbSession> logger) : IDbSession, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private readonly List<AggregateRoot> _tracked = [];
    private readonly List<Action> _afterCommit = [];
    private readonly List<Action> _afterRollback = [];

    public IDbConnection Connection => _connection ??= dataSource.CreateConnection();

    public IDbTransaction? Transaction => _transaction;

    public IReadOnlyCollection<AggregateRoot> Tracked => _tracked;

    public async Task BeginAsync(CancellationToken ct)
    {
        if (_transaction is not null)
            throw new InvalidOperationException("A transaction is already running in this session.");
        var connection = (NpgsqlConnection)Connection;
        if (connection.State != ConnectionState.Open)
            await connection.OpenAsync(ct);
        _transaction = await connection.BeginTransactionAsync(ct);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No transaction to commit.");
        await transaction.CommitAsync(ct);
        await EndTransactionAsync();
        _afterRollback.Clear();
        // The change is committed: a failing follow-up must not turn the answer into an error the caller would retry.
        RunAll(_afterCommit, "after commit");
    }

    public async Task RollbackAsync()
    {
        _afterCommit.Clear();
        try
        {
            if (_transaction?.Connection is not null)
                await _transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await EndTransactionAsync();
            RunAll(_afterRollback, "after rollback");
        }
    }

    public void Track(AggregateRoot aggregate)
    {
        if (!_tracked.Contains(aggregate))
            _tracked.Add(aggregate);
    }

    public void AfterCommit(Action action) => _afterCommit.Add(action);

    public void AfterRollback(Action action) => _afterRollback.Add(action);

    private void RunAll(List<Action> actions, string when)
    {
        var pending = actions.ToArray();
        actions.Clear();
        foreach (var action in pending)
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "An action {When} failed", when);
            }
        }
    }

    private async Task EndTransactionAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        _transaction = null;
        _tracked.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
