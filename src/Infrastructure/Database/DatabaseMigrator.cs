using LeadGrid.Migrations;
using Microsoft.Extensions.Logging;

namespace LeadGrid.Infrastructure.Database;

/// <summary>Applies pending migrations (the same ones the console runner in migrations/ applies).</summary>
public static class DatabaseMigrator
{
    public static void MigrateUp(string connectionString, ILoggerFactory loggerFactory) =>
        MigrationRunner.Up(connectionString, loggerFactory);
}
