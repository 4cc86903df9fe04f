using System.Globalization;
using LeadGrid.Bench;

// Figures in reports are written the same way on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Started by ./build.sh bench [api|webhooks], which brings up the database, the API and the baseline first:
//   LeadGrid.Bench api|webhooks --api <url> --admin-token <token> --connection <cs> --out <file> [see BenchOptions]
//   LeadGrid.Bench baseline --connection <cs> --urls <url>     (the raw-Npgsql and plaintext ceilings, as a server)
if (args.FirstOrDefault() == "baseline")
{
    string Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? throw new ArgumentException($"{name} is required.");
    return await Baseline.RunAsync(Value("--connection"), Value("--urls"));
}

var options = BenchOptions.Parse(args);
return options.Scenario switch
{
    "api" => await ApiBench.RunAsync(options),
    "webhooks" => await WebhookBench.RunAsync(options),
    _ => Fail($"unknown scenario '{options.Scenario}'; known: api, webhooks"),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
