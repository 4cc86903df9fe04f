using System.Data;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using Npgsql;

namespace LeadGrid.Infrastructure.Database;

/// <summary>One connection per request scope, opened on demand; one transaction at a time; tracked aggregates.</summary>
internal sealed class DbSession(NpgsqlDataSource dataSource) : IDbSession, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private readonly List<AggregateRoot> _tracked = [];
    private readonly List<Action> _afterCommit = [];

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
        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in actions)
            action();
    }

    public async Task RollbackAsync()
    {
        _afterCommit.Clear();
        if (_transaction is null) return;
        try
        {
            if (_transaction.Connection is not null)
                await _transaction.RollbackAsync(CancellationToken.None);
        }
        finally
        {
            await EndTransactionAsync();
        }
    }

    public void Track(AggregateRoot aggregate)
    {
        if (!_tracked.Contains(aggregate))
            _tracked.Add(aggregate);
    }

    public void AfterCommit(Action action) => _afterCommit.Add(action);

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
