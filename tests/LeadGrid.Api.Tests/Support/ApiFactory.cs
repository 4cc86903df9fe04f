using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace LeadGrid.Api.Tests.Support;

/// <summary>
/// The whole server on the test database that <c>./build.sh test</c> starts (LEADGRID_TEST_CONNECTION). The server
/// migrates it on start, as in production; Respawn empties every table but the migration history before each test.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminToken = "test-operator-token-4f1c2a";

    private Respawner? _respawner;

    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("LEADGRID_TEST_CONNECTION")
        ?? throw new InvalidOperationException(
            "LEADGRID_TEST_CONNECTION is not set: run the tests with ./build.sh test, which starts a throwaway PostgreSQL.");

    public TestClock Clock { get; } = new();

    /// <summary>Where this run's CVs go (Storage:Root), removed when the run ends.</summary>
    public string StorageRoot { get; } = Path.Combine(Path.GetTempPath(), "leadgrid-test-files-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:LeadGrid", ConnectionString);
        builder.UseSetting("Admin:Token", AdminToken);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Storage:Root", StorageRoot);
        // Webhooks go to loopback receivers; dispatchers look often and give up on a silent receiver quickly.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        builder.UseSetting("Webhooks:PollInterval", "100ms");
        builder.UseSetting("Webhooks:Timeout", "2s");
        // Tests send far more than 600 requests a minute per organization; RateLimitTests set their own limits.
        builder.UseSetting("RateLimits:growth:PerMinute", "1000000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task InitializeAsync()
    {
        _ = Server; // starts the host, which applies the migrations
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [new Table("public", "VersionInfo")],
        });
    }

    public async Task ResetAsync()
    {
        Clock.Reset();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // The webhook dispatcher keeps working while tables are emptied; a deadlock with it is retried.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner!.ResetAsync(connection);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
            }
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Directory.Exists(StorageRoot))
            Directory.Delete(StorageRoot, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
