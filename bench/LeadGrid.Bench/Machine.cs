using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace LeadGrid.Bench;

/// <summary>What every benchmark needs: HTTP to the API, the machine and the database it runs on, child processes.</summary>
internal static class Machine
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static HttpClient Client(string api, string token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(api) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>POSTs <paramref name="body"/> and returns the answer's <c>data</c>; anything but 2xx throws with the answer.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Json);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    public static async Task<string> ServerVersionAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection.PostgreSqlVersion.ToString();
    }

    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?"
            : "?";

    public static string Git(string arguments)
    {
        var (exit, output) = Run("git", arguments, throwOnError: false);
        return exit == 0 ? output.Trim() : "?";
    }

    /// <summary>Runs a program to its end; its standard output (and error, on failure) comes back.</summary>
    public static (int Exit, string Output) Run(string program, string arguments, bool throwOnError = true,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0 && throwOnError)
                throw new InvalidOperationException($"{program} {arguments} exited with {process.ExitCode}: {error.Result}{output}");
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception) when (!throwOnError)
        {
            return (-1, "");
        }
    }

    /// <summary>Forgets a process's peak resident memory, so the next reading is the peak since now.</summary>
    public static void ResetPeakRss(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A process's peak resident memory in MB since it started or since <see cref="ResetPeakRss"/>.</summary>
    public static double PeakRssMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(':')[1].Trim().Split(' ')[0]) / 1024.0;
    }

    /// <summary>
    /// CPU seconds used so far by a process and by every PostgreSQL process of the machine (user and system time from
    /// <c>/proc</c>, in clock ticks of 10 ms, with that of their ended children, so a backend or worker that exits during
    /// a scenario still counts): the difference over a scenario is where its CPU went.
    /// </summary>
    public static (double Process, double Postgres) CpuSeconds(int pid)
    {
        static double Ticks(string statPath)
        {
            try
            {
                var stat = File.ReadAllText(statPath);
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // after "pid (comm) ": field 3 onwards
                // utime, stime, and cutime, cstime: the CPU of children that ended and were reaped, which for the
                // postmaster is every backend, parallel worker and autovacuum worker that has exited (so the sum only grows).
                return new[] { 11, 12, 13, 14 }.Sum(f => double.Parse(fields[f], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                return 0; // the process ended between listing and reading
            }
        }
        var postgres = 0.0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            string comm;
            try { comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (comm == "postgres") postgres += Ticks(Path.Combine(dir, "stat"));
        }
        return (Ticks($"/proc/{pid}/stat") / 100, postgres / 100);
    }
}
