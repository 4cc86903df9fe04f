using System.Net.Sockets;
using LeadGrid.Application.Common;
using Npgsql;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// The one place PostgreSQL's errors become the application's: unique violations become conflicts named by the
/// index that refused the row; an unreachable database, an exhausted pool or a statement timeout becomes 503.
/// </summary>
internal sealed class PostgresErrors : IDatabaseErrorTranslator
{
    private static readonly Dictionary<string, (Conflict Conflict, string Message, string Member)> UniqueIndexes = new(StringComparer.Ordinal)
    {
        ["ux_members_org_email"] = (Conflict.DuplicateMember, "A member with this email already exists in the organization.", "Email"),
        ["ux_contacts_org_email"] = (Conflict.DuplicateContact, "A contact with this email already exists in the organization.", "Email"),
    };

    public Exception? Translate(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg =>
            UniqueIndexes.TryGetValue(pg.ConstraintName ?? "", out var conflict)
                ? new ConflictException(conflict.Conflict, conflict.Message, conflict.Member)
                : new ConflictException(Conflict.Other, "The request conflicts with the current state of the resource."),
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable
                or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.AdminShutdown } pg =>
            new UnavailableException("The database did not answer in time; retry shortly.", pg),
        NpgsqlException { InnerException: TimeoutException or SocketException or IOException } npg =>
            new UnavailableException("The database is unreachable; retry shortly.", npg),
        NpgsqlException npg when npg is not PostgresException && npg.IsTransient =>
            new UnavailableException("The database is unreachable; retry shortly.", npg),
        _ => null,
    };
}
