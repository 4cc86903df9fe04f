using System.Globalization;
using Npgsql;

namespace LeadGrid.Bench;

/// <summary>
/// Where the database's connections spend a scenario (issue 20's write-path analysis): <c>pg_stat_activity</c> sampled
/// at a fixed interval; of the client backends of the benchmark's database that are running a statement or sit idle
/// inside a transaction, the share in each state and wait event.
/// </summary>
internal static class WaitSampler
{
    public const int IntervalMs = 20;

    /// <summary>Samples until cancelled; returns "average busy backends | the five largest shares".</summary>
    public static async Task<string> SampleAsync(string connectionString, CancellationToken stop)
    {
        var counts = new Dictionary<string, long>();
        long samples = 0, busy = 0;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand("""
            SELECT CASE WHEN state = 'idle in transaction' THEN 'idle in transaction'
                        WHEN wait_event IS NULL THEN 'CPU'
                        ELSE wait_event_type || ':' || wait_event END, count(*)
            FROM pg_stat_activity
            WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()
              AND state IN ('active', 'idle in transaction')
            GROUP BY 1
            """, connection);
        await command.PrepareAsync(CancellationToken.None);
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    var n = reader.GetInt64(1);
                    counts[reader.GetString(0)] = counts.GetValueOrDefault(reader.GetString(0)) + n;
                    busy += n;
                }
            samples++;
            try
            {
                await Task.Delay(IntervalMs, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (busy == 0) return string.Create(CultureInfo.InvariantCulture, $"0 | ({samples} samples)");
        var shares = counts.OrderByDescending(c => c.Value).Take(5)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {100.0 * c.Value / busy:0}%"));
        return string.Create(CultureInfo.InvariantCulture, $"{busy / (double)samples:0.0} | {string.Join(", ", shares)}");
    }
}
