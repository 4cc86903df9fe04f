using LeadGrid.Bench;

// dotnet run --project bench/LeadGrid.Bench -- <scenario> --api <url> --admin-token <token> --connection <cs> --out <file>
// Started by ./build.sh bench, which brings up the database and the API first.
var options = BenchOptions.Parse(args);
return options.Scenario switch
{
    "webhooks" => await WebhookBench.RunAsync(options),
    _ => Fail($"unknown scenario '{options.Scenario}'; known: webhooks"),
};

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
