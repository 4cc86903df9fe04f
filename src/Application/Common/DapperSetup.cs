using System.Data;
using Dapper;

namespace LeadGrid.Application.Common;

/// <summary>
/// Dapper conventions for this codebase: timestamptz columns read as UTC <see cref="DateTimeOffset"/>; snake_case
/// columns match PascalCase members. A row Dapper reads is a record with <c>init</c> properties (<c>required</c> for
/// the non-null references), never a positional record: Dapper's constructor matching compares provider types exactly
/// (timestamptz is DateTime, text[] is Array), and a positional row needed a dummy parameterless constructor to be
/// read through its properties, where the type handler applies. A field of a row is then written once.
/// An aggregate's state record (<c>ContactState</c>, <c>DossierState</c>) is not mapped by hand at all: its table's
/// INSERT, UPDATE, select list and parameters are derived from the record's members (<c>StateTable</c> in
/// Infrastructure), so a new field of the state is its migration and its declaration.
/// </summary>
public static class DapperSetup
{
    private static int _done;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
    }

    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) =>
            parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset dto => dto,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a timestamp."),
        };
    }
}
