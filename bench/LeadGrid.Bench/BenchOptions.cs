namespace LeadGrid.Bench;

internal sealed record BenchOptions(string Scenario, string Api, string AdminToken, string Connection, string Out)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name) =>
            args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required.");
        return new BenchOptions(args.FirstOrDefault() ?? "webhooks", Value("--api"), Value("--admin-token"), Value("--connection"), Value("--out"));
    }
}
