using Dapper;
using LeadGrid.Application.Common;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// Dapper calls on the session's connection and transaction, so repositories stay one line per statement. Each first
/// sends what the session deferred, so a statement always sees the writes before it.
/// </summary>
internal static class Sql
{
    public static async Task<int> ExecuteAsync(this IDbSession session, string sql, object? args, CancellationToken ct)
    {
        await session.FlushAsync(ct);
        return await session.Connection.ExecuteAsync(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
    }

    public static async Task<T?> ExecuteScalarAsync<T>(this IDbSession session, string sql, object? args, CancellationToken ct)
    {
        await session.FlushAsync(ct);
        return await session.Connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
    }

    public static async Task<T?> QuerySingleOrDefaultAsync<T>(this IDbSession session, string sql, object? args, CancellationToken ct)
    {
        await session.FlushAsync(ct);
        return await session.Connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
    }

    public static async Task<IEnumerable<T>> QueryAsync<T>(this IDbSession session, string sql, object? args, CancellationToken ct)
    {
        await session.FlushAsync(ct);
        return await session.Connection.QueryAsync<T>(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
    }

    public static async Task<SqlMapper.GridReader> QueryMultipleAsync(this IDbSession session, string sql, object? args, CancellationToken ct)
    {
        await session.FlushAsync(ct);
        return await session.Connection.QueryMultipleAsync(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
    }
}
