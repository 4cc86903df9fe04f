using System.Collections.Concurrent;
using System.Data;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// One connection per request scope, opened on demand; one transaction at a time; tracked aggregates; writes deferred
/// to the next flush, so a command's writes and its COMMIT travel in one round trip.
/// </summary>
internal sealed partial class DbSession(NpgsqlDataSource dataSource, ILogger<DbSession> logger) : IDbSession, IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;
    private readonly List<AggregateRoot> _tracked = [];
    private readonly List<Action> _afterCommit = [];
    private readonly List<Action> _afterRollback = [];
    private readonly List<(string Sql, object? Args)> _deferred = [];
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ArgumentProperties = new();

    public IDbConnection Connection => _deferred.Count == 0
        ? Open()
        : throw new InvalidOperationException("Writes are deferred in this session: flush them (FlushAsync) before reading, or the read would not see them.");

    private NpgsqlConnection Open() => _connection ??= dataSource.CreateConnection();

    public IDbTransaction? Transaction => _transaction;

    public IReadOnlyCollection<AggregateRoot> Tracked => _tracked;

    public async Task BeginAsync(CancellationToken ct)
    {
        if (_transaction is not null)
            throw new InvalidOperationException("A transaction is already running in this session.");
        var connection = Open();
        if (connection.State != ConnectionState.Open)
            await connection.OpenAsync(ct);
        _transaction = await connection.BeginTransactionAsync(ct);
    }

    public void Defer(string sql, object? args)
    {
        if (_transaction is null)
            throw new InvalidOperationException("Writes are deferred only inside a transaction.");
        _deferred.Add((sql, args));
    }

    public Task FlushAsync(CancellationToken ct) => _deferred.Count == 0 ? Task.CompletedTask : SendDeferredAsync(commit: false, ct);

    public async Task CommitAsync(CancellationToken ct)
    {
        var transaction = _transaction ?? throw new InvalidOperationException("No transaction to commit.");
        if (_deferred.Count > 0)
            await SendDeferredAsync(commit: true, ct); // the transaction has ended on the server with this batch
        else
            await transaction.CommitAsync(ct);
        await EndTransactionAsync();
        _afterRollback.Clear();
        // The change is committed: a failing follow-up must not turn the answer into an error the caller would retry.
        RunAll(_afterCommit, "after commit");
    }

    /// <summary>
    /// The deferred statements as one command (Npgsql sends its statements as one batch), each statement's parameters
    /// renamed apart; with <paramref name="commit"/>, the COMMIT goes in the same batch.
    /// </summary>
    private async Task SendDeferredAsync(bool commit, CancellationToken ct)
    {
        var text = new StringBuilder();
        await using var command = new NpgsqlCommand { Connection = Open(), Transaction = _transaction };
        for (var i = 0; i < _deferred.Count; i++)
        {
            var (sql, args) = _deferred[i];
            var prefix = $"d{i}_";
            text.Append(ParameterName().Replace(sql, m => "@" + prefix + m.Groups[1].Value).TrimEnd().TrimEnd(';')).Append(";\n");
            if (args is IEnumerable<KeyValuePair<string, object?>> named)
                foreach (var (name, value) in named)
                    command.Parameters.Add(new NpgsqlParameter(prefix + name, Value(value)));
            else if (args is not null)
                foreach (var property in ArgumentProperties.GetOrAdd(args.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
                    command.Parameters.Add(new NpgsqlParameter(prefix + property.Name, Value(property.GetValue(args))));
        }
        if (commit) text.Append("COMMIT");
        command.CommandText = text.ToString();
        _deferred.Clear();
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Values as Npgsql takes them: null as DBNull, timestamps in UTC (timestamptz takes no other offset).</summary>
    private static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.ToUniversalTime(),
        _ => value,
    };

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex ParameterName();

    public async Task RollbackAsync()
    {
        _afterCommit.Clear();
        _deferred.Clear();
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
