using Dapper;
using LeadGrid.Application.Common;

namespace LeadGrid.Infrastructure.Database;

/// <summary>Dapper calls on the session's connection and transaction, so repositories stay one line per statement.</summary>
internal static class Sql
{
    public static Task<int> ExecuteAsync(this IDbSession session, string sql, object? args, CancellationToken ct) =>
        session.Connection.ExecuteAsync(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));

    public static Task<T?> ExecuteScalarAsync<T>(this IDbSession session, string sql, object? args, CancellationToken ct) =>
        session.Connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));

    public static Task<T?> QuerySingleOrDefaultAsync<T>(this IDbSession session, string sql, object? args, CancellationToken ct) =>
        session.Connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));

    public static Task<SqlMapper.GridReader> QueryMultipleAsync(this IDbSession session, string sql, object? args, CancellationToken ct) =>
        session.Connection.QueryMultipleAsync(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
}
