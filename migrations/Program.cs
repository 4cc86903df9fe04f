using LeadGrid.Migrations;

// dotnet run --project migrations -- up|down <version>|list [--connection "<connection string>"]
// Without --connection, ConnectionStrings__LeadGrid from the environment is used.
var rest = args.ToList();
string? connection = null;
var at = rest.IndexOf("--connection");
if (at >= 0)
{
    if (at + 1 >= rest.Count) return Usage("--connection needs a value.");
    connection = rest[at + 1];
    rest.RemoveRange(at, 2);
}
connection ??= Environment.GetEnvironmentVariable("ConnectionStrings__LeadGrid");
if (string.IsNullOrWhiteSpace(connection))
    return Usage("No connection string: pass --connection or set ConnectionStrings__LeadGrid.");

try
{
    switch (rest)
    {
        case ["up"]:
            MigrationRunner.Up(connection);
            return 0;
        case ["down", var v] when long.TryParse(v, out var version) && version >= 0:
            MigrationRunner.Down(connection, version);
            return 0;
        case ["list"]:
            MigrationRunner.List(connection);
            return 0;
        default:
            return Usage("Unknown command.");
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine($"Migration failed: {ex.Message}");
    return 1;
}

static int Usage(string problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine("usage: migrations up | down <version> | list  [--connection \"<connection string>\"]");
    return 2;
}
