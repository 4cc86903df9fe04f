using LeadGrid.Api.Tests.Support;
using LeadGrid.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LeadGrid.Api.Tests;

/// <summary>On a database of its own: every migration goes up, all the way down, and up again.</summary>
public class MigrationTests
{
    [Fact]
    public async Task Migrations_GoUpDownAndUpAgain()
    {
        var name = "leadgrid_migrations_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(ApiFactory.ConnectionString, $"CREATE DATABASE {name}");
        var connection = new NpgsqlConnectionStringBuilder(ApiFactory.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            MigrationRunner.Up(connection, NullLoggerFactory.Instance);
            var tables = await TablesAsync(connection);
            Assert.Superset(new HashSet<string> { "api_keys", "contacts", "flows", "members", "organizations", "outbox", "stages" }, tables.ToHashSet());

            MigrationRunner.Down(connection, 0, NullLoggerFactory.Instance);
            Assert.Empty(await TablesAsync(connection));

            MigrationRunner.Up(connection, NullLoggerFactory.Instance);
            Assert.Equal(tables, await TablesAsync(connection));
        }
        finally
        {
            await ExecuteAsync(ApiFactory.ConnectionString, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<string[]> TablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'VersionInfo' ORDER BY 1",
            connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables.ToArray();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
