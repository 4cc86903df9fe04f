namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// The system clock at PostgreSQL's precision (microseconds). A timestamp the application takes is then the one the
/// database stores, so what a write answers from memory is what a later read returns, to the last digit (a tick of
/// 100 ns would otherwise be rounded by the database, across a second now and then).
/// </summary>
internal sealed class DatabaseClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = TimeProvider.System.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
