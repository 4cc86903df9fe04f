using System.Globalization;

namespace LeadGrid.Bench;

/// <summary>
/// <c>&lt;scenario&gt; --api URL --admin-token T --connection CS --out FILE</c>, and for the API scenario
/// <c>--api-pid N --baseline URL --baseline-pid N</c>; optional <c>--scale X</c> (1 = a million contacts),
/// <c>--seconds N</c> per run and <c>--runs N</c> per scenario (defaults 15 and 3).
/// </summary>
internal sealed record BenchOptions(string Scenario, string Api, string AdminToken, string Connection, string Out)
{
    public int ApiPid { get; init; }
    public string? BaselineUrl { get; init; }
    public int BaselinePid { get; init; }
    public double Scale { get; init; } = 1.0;
    public int Seconds { get; init; } = 15;
    public int Runs { get; init; } = 3;

    public static BenchOptions Parse(string[] args)
    {
        string? Optional(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        string Value(string name) => Optional(name) ?? throw new ArgumentException($"{name} is required.");
        return new BenchOptions(args.FirstOrDefault() ?? "api", Value("--api"), Value("--admin-token"), Value("--connection"), Value("--out"))
        {
            ApiPid = Optional("--api-pid") is { } apiPid ? int.Parse(apiPid, CultureInfo.InvariantCulture) : 0,
            BaselineUrl = Optional("--baseline"),
            BaselinePid = Optional("--baseline-pid") is { } baselinePid ? int.Parse(baselinePid, CultureInfo.InvariantCulture) : 0,
            Scale = Optional("--scale") is { } scale ? double.Parse(scale, CultureInfo.InvariantCulture) : 1.0,
            Seconds = Optional("--seconds") is { } seconds ? int.Parse(seconds, CultureInfo.InvariantCulture) : 15,
            Runs = Optional("--runs") is { } runs ? int.Parse(runs, CultureInfo.InvariantCulture) : 3,
        };
    }
}
