using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using static LeadGrid.Bench.Machine;

namespace LeadGrid.Bench;

/// <summary>One measured run: throughput and latency.</summary>
internal sealed record RunResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors);

/// <summary>
/// wrk (Debian package) with a Lua script per scenario: the request it sends (random ids, bodies with a counter), and
/// a <c>done</c> hook that prints one machine-readable line with the count, the non-2xx answers and the percentiles.
/// </summary>
internal static partial class Wrk
{
    public const int Connections = 32;

    private const string Done = """

        done = function(summary, latency, requests)
          local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
          io.write(string.format("RESULT %d %d %.3f %.3f %.3f\n", summary.requests, errors, summary.duration / 1e6,
            latency:percentile(50) / 1000, latency:percentile(99) / 1000))
        end
        """;

    /// <summary>A Lua prelude: the key header, a list of lines from a file, and a random generator seeded per thread.</summary>
    public static string Script(string? key, string body) => $$"""
        local headers = { ["Content-Type"] = "application/json"{{(key is null ? "" : $", [\"Authorization\"] = \"Bearer {key}\"")}} }
        local counter = 0
        local function lines(path)
          local list = {}
          for line in io.lines(path) do list[#list + 1] = line end
          return list
        end
        init = function(args)
          math.randomseed(os.time() + math.floor(os.clock() * 1000000))
        end
        {{body}}
        {{Done}}
        """;

    public static RunResult Run(string baseUrl, string script, int seconds, string workDir)
    {
        var path = Path.Combine(workDir, $"scenario-{Guid.NewGuid():N}.lua");
        File.WriteAllText(path, script);
        var (_, output) = Machine.Run("wrk", string.Create(CultureInfo.InvariantCulture,
            $"-t1 -c{Connections} -d{seconds}s --timeout 10s -s {path} {baseUrl}"));
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"wrk printed no result:\n{output}");
        var parts = line.Split(' ');
        var requests = long.Parse(parts[1], CultureInfo.InvariantCulture);
        var duration = double.Parse(parts[3], CultureInfo.InvariantCulture);
        return new RunResult(requests / duration, double.Parse(parts[4], CultureInfo.InvariantCulture),
            double.Parse(parts[5], CultureInfo.InvariantCulture), requests, long.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// pgbench (ships with the server) running the exact statements a scenario sends, with the values as parameters
/// (extended protocol, as Npgsql sends them): the database's own ceiling for that request.
/// </summary>
internal static partial class PgBench
{
    public const int Clients = Wrk.Connections;

    /// <summary>
    /// A pgbench script from an application statement: Dapper's <c>@name</c> become pgbench's <c>:name</c>, and a
    /// <c>SET LOCAL</c> (meaningless outside the application's implicit transaction) is left out.
    /// </summary>
    public static string Script(string prelude, string sql) =>
        prelude + "\n" + string.Join("\n", sql.Split(";\n").Select(s => s.Trim()).Where(s => s.Length > 0 && !s.StartsWith("SET LOCAL", StringComparison.Ordinal))
            .Select(s => Parameter().Replace(s, ":$1").Replace("\n", " ") + ";"));

    /// <summary>The parameters of an application statement as pgbench variables (-D name=value).</summary>
    public static Dictionary<string, string> Variables(DynamicParameters parameters) =>
        parameters.ParameterNames.ToDictionary(n => n, n => parameters.Get<object?>(n) switch
        {
            null => "",
            Array values => "{" + string.Join(",", values.Cast<object>().Select(v => v is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : v.ToString())) + "}",
            DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
            IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
            var value => value.ToString()!,
        });

    public static RunResult Run(string connection, string script, IReadOnlyDictionary<string, string> variables, int seconds, string workDir)
    {
        var path = Path.Combine(workDir, $"pgbench-{Guid.NewGuid():N}.sql");
        File.WriteAllText(path, script);
        var cs = new NpgsqlConnectionStringBuilder(connection);
        var arguments = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"-n -M extended -c {Clients} -j 2 -T {seconds} -f {path} -h {cs.Host} -p {cs.Port} -U {cs.Username}"));
        foreach (var (name, value) in variables)
            arguments.Append(CultureInfo.InvariantCulture, $" -D {name}={value}");
        arguments.Append(' ').Append(cs.Database);
        var (_, output) = Machine.Run(PgBin("pgbench"), arguments.ToString());
        var tps = Regex.Match(output, @"tps = ([0-9.]+)");
        var latency = Regex.Match(output, @"latency average = ([0-9.]+) ms");
        var failed = Regex.Match(output, @"number of failed transactions: (\d+)");
        if (!tps.Success)
            throw new InvalidOperationException($"pgbench printed no tps:\n{output}");
        return new RunResult(double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
            latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN, double.NaN, 0,
            failed.Success ? long.Parse(failed.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>A PostgreSQL program of the newest installed server (Debian keeps them out of PATH).</summary>
    public static string PgBin(string program) =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                  .Select(d => Path.Combine(d, "bin", program)).FirstOrDefault(File.Exists) ?? program
            : program;

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Parameter();
}
