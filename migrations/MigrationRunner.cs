using FluentMigrator.Runner;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrid.Migrations;

/// <summary>Applies, rolls back and lists migrations. Serialized by an advisory lock, so several instances may start at once.</summary>
public static class MigrationRunner
{
    private const long AdvisoryLockKey = 0x4C656164_47726964; // "LeadGrid"

    public static void Up(string connectionString, ILoggerFactory? loggerFactory = null) =>
        WithRunner(connectionString, loggerFactory, runner => runner.MigrateUp());

    public static void Down(string connectionString, long version, ILoggerFactory? loggerFactory = null) =>
        WithRunner(connectionString, loggerFactory, runner => runner.MigrateDown(version));

    public static void List(string connectionString, ILoggerFactory? loggerFactory = null) =>
        WithRunner(connectionString, loggerFactory, runner => runner.ListMigrations());

    private static void WithRunner(string connectionString, ILoggerFactory? loggerFactory, Action<IMigrationRunner> action)
    {
        using var lockConnection = new NpgsqlConnection(connectionString);
        lockConnection.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({AdvisoryLockKey})", lockConnection))
            take.ExecuteNonQuery();
        try
        {
            var services = new ServiceCollection()
                .AddFluentMigratorCore()
                .ConfigureRunner(rb => rb
                    .AddPostgres()
                    .WithGlobalConnectionString(connectionString)
                    .ScanIn(typeof(MigrationRunner).Assembly).For.Migrations());
            if (loggerFactory is not null)
                services.AddSingleton(loggerFactory);
            else
                services.AddLogging(lb => lb.AddFluentMigratorConsole());
            using var provider = services.BuildServiceProvider(validateScopes: false);
            using var scope = provider.CreateScope();
            action(scope.ServiceProvider.GetRequiredService<IMigrationRunner>());
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", lockConnection);
            release.ExecuteNonQuery();
        }
    }
}
