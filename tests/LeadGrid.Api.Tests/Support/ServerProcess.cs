using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Npgsql;

namespace LeadGrid.Api.Tests.Support;

/// <summary>A database of its own, so a server process of the test does not meet the suite's.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _name;

    private ScratchDatabase(string name, string connectionString)
    {
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync()
    {
        var name = "leadgrid_crash_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new ScratchDatabase(name,
            new NpgsqlConnectionStringBuilder(ApiFactory.ConnectionString) { Database = name, Pooling = false }.ConnectionString);
    }

    public async ValueTask DisposeAsync() => await ExecuteAsync($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The built API as a process of its own, which can be killed outright.</summary>
public sealed class ServerProcess
{
    private readonly Process _process;
    private readonly string _url;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stdout = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stderr = new();

    /// <summary>Every line the process wrote to standard output so far (its log, JSON lines by default).</summary>
    public IReadOnlyList<string> StandardOutput => _stdout.ToArray();

    /// <summary>Every line the process wrote to standard error so far.</summary>
    public IReadOnlyList<string> StandardError => _stderr.ToArray();

    private ServerProcess(Process process, string url)
    {
        _process = process;
        _url = url;
    }

    public string Url => _url;

    /// <summary>The process's resident memory (VmRSS), in bytes.</summary>
    public long ResidentBytes() =>
        long.Parse(File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    public static ServerProcess Start(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        // tests/LeadGrid.Api.Tests/bin/<configuration>/<framework>/ → src/Api/bin/<configuration>/<framework>/LeadGrid.Api.dll
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var api = Path.Combine(root, "src", "Api", "bin", output.Parent.Name, output.Name, "LeadGrid.Api.dll");
        Assert.True(File.Exists(api), $"The API is not built at {api}.");
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(api)! };
        start.ArgumentList.Add(api);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["ConnectionStrings__LeadGrid"] = connectionString;
        start.Environment["Admin__Token"] = ApiFactory.AdminToken;
        start.Environment["Storage__Root"] = Path.Combine(Path.GetTempPath(), "leadgrid-crash-files");
        start.Environment["Webhooks__AllowPrivateTargets"] = "true";
        start.Environment["Webhooks__PollInterval"] = "100ms";
        start.Environment["Webhooks__Timeout"] = "1s";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["RateLimits__growth__PerMinute"] = "1000000";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, url);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server._stdout.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server._stderr.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        server.WaitUntilServing();
        return server;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(_url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void WaitUntilServing()
    {
        using var client = new HttpClient { BaseAddress = new Uri(_url), Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Assert.False(_process.HasExited, "The server process exited while starting.");
            try
            {
                if (client.GetAsync("/health/ready").Result.IsSuccessStatusCode) return;
            }
            catch (AggregateException)
            {
            }
            Thread.Sleep(100);
        }
        throw new TimeoutException("The server process did not start within 30 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
