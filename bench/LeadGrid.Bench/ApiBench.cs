using System.Globalization;
using System.Text;
using System.Text.Json;
using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Infrastructure.Database;
using Npgsql;
using static LeadGrid.Bench.Machine;

namespace LeadGrid.Bench;

/// <summary>
/// The API under load on a million-row data set (issue 11): each scenario gets a warm-up, then <c>runs</c> × <c>seconds</c>
/// of wrk at 32 connections; the median of each figure is reported beside the ceilings measured in the same run (a
/// raw-Npgsql endpoint and a plaintext endpoint in their own process, and pgbench with the scenarios' exact SQL).
/// </summary>
internal static class ApiBench
{
    private sealed record Scenario(string Title, bool OnBaseline, string Script, Target Target);

    /// <summary>
    /// What issue 20 asks of a scenario: a share of the raw baseline's throughput, a floor in requests per second, a
    /// share of the database's commit rate (pgbench's one-row durable INSERT in the same run) and a p99 bound.
    /// </summary>
    private sealed record Target(double? MinRatio, double? MaxP99Ms, double? MinRps = null, double? MinCommitShare = null)
    {
        public static readonly Target None = new(null, null);

        public bool IsMet(double rps, double ratio, double p99, double commitRate) =>
            (MinRatio is not { } r || ratio >= r) && (MaxP99Ms is not { } p || p99 <= p) && (MinRps is not { } n || rps >= n)
            && (MinCommitShare is not { } c || rps >= c * commitRate);

        public override string ToString() => string.Join(", ", new[]
        {
            MinRatio is { } r ? $"≥ {r:0.00}×" : null,
            MinRps is { } n ? $"≥ {n:0} req/s" : null,
            MinCommitShare is { } c ? $"≥ {c:0.00} of the commit rate" : null,
            MaxP99Ms is { } p ? $"p99 ≤ {p:0} ms" : null,
        }.Where(t => t is not null));
    }

    private sealed record Measured(Scenario Scenario, RunResult Median, double PeakRssMb, long Errors, string Database, string Waits, string Cpu);

    private const double MaxRssMb = 200;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (options.BaselineUrl is null || options.ApiPid == 0 || options.BaselinePid == 0)
            throw new ArgumentException("The api scenario needs --baseline, --baseline-pid and --api-pid.");
        using var admin = Client(options.Api, options.AdminToken);
        var data = await DataSet.GenerateAsync(options, admin);
        var work = Directory.CreateTempSubdirectory("leadgrid-bench-");
        try
        {
            return await MeasureAsync(options, data, work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<int> MeasureAsync(BenchOptions options, DataSet data, string work)
    {
        var skewed = data.Skewed;
        var ids = await DataSet.SampleDossierIdsAsync(options.Connection, skewed.Id, 100_000);
        var active = await DataSet.SampleDossierIdsAsync(options.Connection, skewed.Id, 50_000, status: "active");
        var idsFile = WriteLines(work, "dossiers.txt", ids.Select(i => i.ToString()));
        var activeFile = WriteLines(work, "active.txt", active.Select(i => i.ToString()));
        var stagesFile = WriteLines(work, "stages.txt", skewed.CandidateStages.Select(s => s.ToString()));
        var termsFile = WriteLines(work, "terms.txt", DataSet.DenseSearchTerms.Select(Uri.EscapeDataString)); // as they go in a URL
        var dense = data.Dense.Key;
        var statements = await StatementsAvailableAsync(options.Connection);

        var key = skewed.Key;
        Scenario Get(string title, string path, Target target, string? useKey = null) =>
            new(title, false, Wrk.Script(useKey ?? key, $"request = function() return wrk.format(\"GET\", \"{path}\", headers) end"), target);
        var scenarios = new[]
        {
            new Scenario("baseline: plaintext (the framework's ceiling)", true, Wrk.Script(null,
                "request = function() return wrk.format(\"GET\", \"/plaintext\", headers) end"), Target.None),
            new Scenario("baseline: raw Npgsql GET of scenario 1", true, Wrk.Script(null, $$"""
                local ids = lines("{{idsFile}}")
                request = function() return wrk.format("GET", "/orgs/{{skewed.Id}}/dossiers/" .. ids[math.random(#ids)], headers) end
                """), Target.None),
            new Scenario("1. GET /dossiers/:id", false, Wrk.Script(key, $$"""
                local ids = lines("{{idsFile}}")
                request = function() return wrk.format("GET", "/api/v1/dossiers/" .. ids[math.random(#ids)], headers) end
                """), new Target(0.75, null)),
            Get("2. GET /dossiers?status=active, page 1 (skewed org)", "/api/v1/dossiers?status=active&per_page=25&page=1", new Target(0.25, 50)),
            Get("2. GET /dossiers?status=active, page 200 (skewed org)", "/api/v1/dossiers?status=active&per_page=25&page=200", new Target(0.25, 50)),
            Get("2. GET /dossiers?status=active, page 1 (ordinary org)", "/api/v1/dossiers?status=active&per_page=25&page=1", new Target(0.25, 50), data.Ordinary.Key),
            Get("2. GET /dossiers?status=active, page 200 (ordinary org)", "/api/v1/dossiers?status=active&per_page=25&page=200", new Target(0.25, 50), data.Ordinary.Key),
            new Scenario("3. GET /contacts?search=<common 3–6 letters> (dense org, 3–20% of its rows each)", false, Wrk.Script(dense, $$"""
                local terms = lines("{{termsFile}}")
                request = function() return wrk.format("GET", "/api/v1/contacts?search=" .. terms[math.random(#terms)], headers) end
                """), new Target(null, 100, MinRps: 500)),
            Get($"3. GET /contacts?search={DataSet.RareName.ToLowerInvariant()} (dense org, 5 rows)", $"/api/v1/contacts?search={DataSet.RareName.ToLowerInvariant()}",
                new Target(null, 100, MinRps: 500), dense),
            Get("4. GET /contacts?kind=candidate&kind=client (dense org)", "/api/v1/contacts?kind=candidate&kind=client", new Target(null, 50), dense),
            new Scenario("5. POST /dossiers (sales, contact_person)", false, Wrk.Script(key, """
                request = function()
                  counter = counter + 1
                  return wrk.format("POST", "/api/v1/dossiers", headers, string.format(
                    '{"type":"sales","name":"Bench deal %d","contact_person":"Bench Person %d","company":"Bench Co","deal_size":12000,"deal_currency":"EUR"}',
                    counter, counter))
                end
                """), new Target(null, 60, MinCommitShare: 0.35)),
            new Scenario("5. PATCH /dossiers/:id (stage move)", false, Wrk.Script(key, $$"""
                local ids = lines("{{activeFile}}")
                local stages = lines("{{stagesFile}}")
                request = function()
                  return wrk.format("PATCH", "/api/v1/dossiers/" .. ids[math.random(#ids)], headers,
                    '{"current_stage_id":"' .. stages[math.random(#stages)] .. '"}')
                end
                """), new Target(null, 60, MinCommitShare: 0.35)),
            new Scenario("6. POST /dossiers/:id/notes", false, Wrk.Script(key, $$"""
                local ids = lines("{{activeFile}}")
                request = function()
                  counter = counter + 1
                  return wrk.format("POST", "/api/v1/dossiers/" .. ids[math.random(#ids)] .. "/notes", headers,
                    string.format('{"content":"Bench note %d: called back about the offer.","is_internal":true}', counter))
                end
                """), new Target(null, 60, MinCommitShare: 0.35)),
        };

        var measured = new List<Measured>();
        var apiWarmedUp = false;
        foreach (var scenario in scenarios)
        {
            if (!scenario.OnBaseline && !apiWarmedUp)
            {
                // Tiered compilation needs ~25 s of load on 2 cores before the API's hot code is fully optimized;
                // a fresh process measured after 5 s ran at half its speed.
                Console.WriteLine($"API warm-up: {ApiWarmUpSeconds(options)} s of scenario 1");
                Wrk.Run(options.Api, scenario.Script, ApiWarmUpSeconds(options), work);
                apiWarmedUp = true;
            }
            measured.Add(await MeasureAsync(options, scenario, work, statements));
        }

        var pgbench = await PgBenchAsync(options, data, ids, work);
        var report = Report(options, data, measured, pgbench, statements);
        await File.WriteAllTextAsync(options.Out, report);
        var plansFile = Path.Combine(Path.GetDirectoryName(options.Out) ?? ".", Path.GetFileNameWithoutExtension(options.Out) + "-plans.md");
        Console.WriteLine("EXPLAIN (ANALYZE, BUFFERS) of the scenarios' statements");
        await File.WriteAllTextAsync(plansFile, await Plans.ExplainAsync(options.Connection, PlannedStatements(data, ids[0])));
        Console.WriteLine($"\nwritten to {options.Out} and {plansFile}");
        var errors = measured.Sum(m => m.Errors);
        if (errors > 0)
            Console.Error.WriteLine($"{errors} requests failed or answered non-2xx; see the errors column.");
        return errors > 0 ? 1 : 0;
    }

    private static async Task<Measured> MeasureAsync(BenchOptions options, Scenario scenario, string work, bool statements)
    {
        var url = scenario.OnBaseline ? options.BaselineUrl! : options.Api;
        var pid = scenario.OnBaseline ? options.BaselinePid : options.ApiPid;
        Console.WriteLine($"{scenario.Title}: warm-up");
        Wrk.Run(url, scenario.Script, WarmUpSeconds(options), work);
        ResetPeakRss(pid);
        if (statements) await ExecuteAsync(options.Connection, "SELECT pg_stat_statements_reset()");
        var runs = new List<RunResult>();
        using var sampling = new CancellationTokenSource();
        var waits = scenario.OnBaseline ? Task.FromResult("") : Task.Run(() => WaitSampler.SampleAsync(options.Connection, sampling.Token));
        var cpuBefore = CpuSeconds(pid);
        for (var run = 0; run < options.Runs; run++)
        {
            var result = Wrk.Run(url, scenario.Script, options.Seconds, work);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run + 1}: {result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:0.00} ms, p99 {result.P99Ms:0.00} ms, {result.Errors} errors"));
            runs.Add(result);
        }
        var cpuAfter = CpuSeconds(pid);
        await sampling.CancelAsync();
        var requests = Math.Max(1, runs.Sum(r => r.Requests));
        var cpu = string.Create(CultureInfo.InvariantCulture,
            $"{1000 * (cpuAfter.Process - cpuBefore.Process) / requests:0.00} ms | {1000 * (cpuAfter.Postgres - cpuBefore.Postgres) / requests:0.00} ms");
        var database = statements && !scenario.OnBaseline ? await TopStatementsAsync(options.Connection, runs.Sum(r => r.Requests)) : "";
        var median = new RunResult(Median(runs.Select(r => r.RequestsPerSecond)), Median(runs.Select(r => r.P50Ms)),
            Median(runs.Select(r => r.P99Ms)), runs.Sum(r => r.Requests), runs.Sum(r => r.Errors));
        return new Measured(scenario, median, PeakRssMb(pid), median.Errors, database, await waits, cpu);
    }

    private static int WarmUpSeconds(BenchOptions options) => Math.Min(10, options.Seconds);

    private static int ApiWarmUpSeconds(BenchOptions options) => Math.Min(30, 2 * options.Seconds);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>
    /// pgbench with the exact statements of scenarios 1–3 (the skewed organization's GET and page 1, a common term in
    /// the dense one), and the database's commit rate: one durable one-row INSERT per transaction (the unit of the
    /// write scenarios' targets).
    /// </summary>
    private static async Task<List<(string Title, RunResult Median)>> PgBenchAsync(BenchOptions options, DataSet data, Guid[] ids, string work)
    {
        await using (var connection = new NpgsqlConnection(options.Connection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                DROP TABLE IF EXISTS bench_ids, bench_commit;
                CREATE TABLE bench_ids (n int PRIMARY KEY, id uuid NOT NULL);
                CREATE TABLE bench_commit (id uuid PRIMARY KEY, payload text NOT NULL);
                INSERT INTO bench_ids SELECT n, id FROM unnest(@ids) WITH ORDINALITY AS t(id, n);
                ANALYZE bench_ids;
                """, connection);
            command.Parameters.AddWithValue("ids", ids);
            await command.ExecuteNonQueryAsync();
        }

        var org = data.Skewed.Id;
        var now = DateTimeOffset.UtcNow;
        var getSql = $"SELECT {RowColumns<DossierDetails>.SelectList}\nFROM {RowColumns<DossierDetails>.From} WHERE d.org_id = @org AND d.id = @did";
        var list = ListReader.Prepare(new DossierListSpec(org, null, ["active"], null, null, null, null, now, new PageRequest(1, 25)), null);
        var search = ListReader.Prepare(new ContactListSpec(data.Dense.Id, [], null, "mar", now, new PageRequest(1, 25)), null);
        var cases = new (string Title, string Script, Dictionary<string, string> Variables)[]
        {
            ("1. the GET's statement (plus an id lookup by primary key)",
                PgBench.Script($"\\set n random(1, {ids.Length})\nSELECT id AS did FROM bench_ids WHERE n = :n \\gset", getSql),
                new() { ["org"] = org.ToString() }),
            ("2. the list's statements, status=active, page 1 (skewed org)", PgBench.Script("", list.Sql), PgBench.Variables(list.Parameters)),
            ("3. the search's statements, search=mar (dense org)", PgBench.Script("", search.Sql), PgBench.Variables(search.Parameters)),
            (CommitRate, "INSERT INTO bench_commit (id, payload) VALUES (gen_random_uuid(), 'one durable row');", new()),
        };
        var results = new List<(string, RunResult)>();
        foreach (var (title, script, variables) in cases)
        {
            Console.WriteLine($"pgbench {title}");
            PgBench.Run(options.Connection, script, variables, Math.Min(5, options.Seconds), work);
            var runs = Enumerable.Range(0, options.Runs).Select(_ => PgBench.Run(options.Connection, script, variables, options.Seconds, work)).ToArray();
            var median = new RunResult(Median(runs.Select(r => r.RequestsPerSecond)), Median(runs.Select(r => r.P50Ms)), double.NaN, 0,
                runs.Sum(r => r.Errors));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {median.RequestsPerSecond:N0} tps, {median.P50Ms:0.00} ms average"));
            results.Add((title, median));
        }
        await ExecuteAsync(options.Connection, "DROP TABLE bench_ids, bench_commit");
        return results;
    }

    private const string CommitRate = "the commit rate: one durable one-row INSERT (synchronous_commit on)";

    /// <summary>The statements of scenarios 1–4 as the API sends them, with the values the scenarios use.</summary>
    private static IEnumerable<Plans.Statement> PlannedStatements(DataSet data, Guid dossier)
    {
        var now = DateTimeOffset.UtcNow;
        var (skewed, ordinary) = (data.Skewed.Id, data.Ordinary.Id);
        var get = new Dapper.DynamicParameters();
        get.Add("OrganizationId", skewed);
        get.Add("DossierId", dossier);
        yield return new("1. GET /dossiers/:id (skewed organization)",
            $"SELECT {RowColumns<DossierDetails>.SelectList}\nFROM {RowColumns<DossierDetails>.From} WHERE d.org_id = @OrganizationId AND d.id = @DossierId", get);
        foreach (var (title, org, page) in new[] { ("skewed organization, page 1", skewed, 1), ("skewed organization, page 200", skewed, 200), ("ordinary organization, page 1", ordinary, 1) })
        {
            var list = ListReader.Prepare(new DossierListSpec(org, null, ["active"], null, null, null, null, now, new PageRequest(page, 25)), null);
            yield return new($"2. GET /dossiers?status=active ({title})", list.Sql, list.Parameters);
        }
        foreach (var term in new[] { "mar", "sophie", DataSet.RareName.ToLowerInvariant() })
        {
            var search = ListReader.Prepare(new ContactListSpec(data.Dense.Id, [], null, term, now, PageRequest.Default), null);
            yield return new($"3. GET /contacts?search={term} (dense organization)", search.Sql, search.Parameters);
        }
        var kinds = ListReader.Prepare(new ContactListSpec(data.Dense.Id, ["candidate", "client"], null, null, now, PageRequest.Default), null);
        yield return new("4. GET /contacts?kind=candidate&kind=client (dense organization)", kinds.Sql, kinds.Parameters);
    }

    private static string Report(BenchOptions options, DataSet data, List<Measured> measured, List<(string Title, RunResult Median)> pgbench,
        bool statements)
    {
        var raw = measured.Single(m => m.Scenario.Title.StartsWith("baseline: raw", StringComparison.Ordinal)).Median.RequestsPerSecond;
        var commitRate = pgbench.Single(p => p.Title == CommitRate).Median.RequestsPerSecond;
        var report = new StringBuilder();
        var i = CultureInfo.InvariantCulture;
        report.AppendLine("# API benchmark").AppendLine()
            .AppendLine(($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC by `./build.sh bench` at commit `{Git("describe --always --dirty")}`, " +
                                         $"on {Environment.ProcessorCount} cores ({CpuModel()}), PostgreSQL {ServerVersionAsync(options.Connection).GetAwaiter().GetResult()}; " +
                                         "the API, the baseline server, PostgreSQL and wrk share the machine."))
            .AppendLine()
            .AppendLine("Data: " + DataSet.Describe(data))
            .AppendLine()
            .AppendLine(($"Method: wrk `-t1 -c{Wrk.Connections}`; a {ApiWarmUpSeconds(options)} s warm-up of the fresh API process, per scenario a {WarmUpSeconds(options)} s warm-up, then " +
                                         $"{options.Runs} × {options.Seconds} s; the median of each figure. Ratios are to the raw-Npgsql baseline " +
                                         $"of this run ({raw:N0} req/s); the commit rate is pgbench's one-row durable INSERT of this run " +
                                         $"({commitRate:N0} tps). Peak RSS is the serving process's high-water mark during the scenario. " +
                                         "Database time is PostgreSQL's execution time per request (pg_stat_statements), with the statements " +
                                         "that took most of it."))
            .AppendLine()
            .AppendLine("| scenario | req/s | p50 | p99 | × baseline | peak RSS | errors | target | |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var m in measured)
        {
            var ratio = m.Median.RequestsPerSecond / raw;
            var target = m.Scenario.Target;
            var met = target.IsMet(m.Median.RequestsPerSecond, ratio, m.Median.P99Ms, commitRate)
                      && (m.Scenario.OnBaseline || m.PeakRssMb < MaxRssMb) && m.Errors == 0;
            var verdict = target == Target.None ? "" : met ? "met" : "**missed**";
            report.AppendLine(string.Create(i, $"| {m.Scenario.Title} | {m.Median.RequestsPerSecond:N0} | {m.Median.P50Ms:0.00} ms | " +
                                               $"{m.Median.P99Ms:0.00} ms | {ratio:0.00} | {m.PeakRssMb:0} MB | {m.Errors} | {target} | {verdict} |"));
        }
        report.AppendLine().AppendLine(string.Create(i, $"Every API scenario's target also includes a peak RSS under {MaxRssMb:0} MB."));
        if (statements)
        {
            report.AppendLine().AppendLine("## Where the database time goes").AppendLine()
                .AppendLine("| scenario | database time per request (statements) |").AppendLine("|---|---|");
            foreach (var m in measured.Where(m => !m.Scenario.OnBaseline))
                report.AppendLine($"| {m.Scenario.Title} | {m.Database} |");
        }
        report.AppendLine().AppendLine("## Where the CPU goes").AppendLine()
            .AppendLine("CPU time per request during the measured runs, from `/proc`: the serving process (the API or the baseline " +
                        "server) and all PostgreSQL processes together (the sampler's own queries included, ~1 ms of CPU a second). " +
                        $"The machine has {Environment.ProcessorCount} cores for these, wrk and the rest.")
            .AppendLine().AppendLine("| scenario | serving process | PostgreSQL |").AppendLine("|---|---:|---:|");
        foreach (var m in measured)
            report.AppendLine($"| {m.Scenario.Title} | {m.Cpu} |");
        report.AppendLine().AppendLine("## What the busy connections wait on").AppendLine()
            .AppendLine(($"`pg_stat_activity` sampled every {WaitSampler.IntervalMs} ms during the measured runs: of the client backends " +
                         "running a statement, the share in each wait event (`CPU` is no wait: working, or waiting on nothing PostgreSQL " +
                         "names). `idle in transaction` counts connections between two statements of one transaction (the round trip to the API)."))
            .AppendLine().AppendLine("| scenario | active backends per sample | waits |").AppendLine("|---|---:|---|");
        foreach (var m in measured.Where(m => !m.Scenario.OnBaseline))
            report.AppendLine($"| {m.Scenario.Title} | {m.Waits} |");
        report.AppendLine().AppendLine("## The database's ceiling: pgbench with the scenarios' exact SQL").AppendLine()
            .AppendLine(($"`pgbench -M extended -c {PgBench.Clients} -j 2`, {options.Runs} × {options.Seconds} s, medians; one " +
                                         "transaction is one request's statements."))
            .AppendLine()
            .AppendLine("| statements | transactions/s | average latency |").AppendLine("|---|---:|---:|");
        foreach (var (title, median) in pgbench)
            report.AppendLine(string.Create(i, $"| {title} | {median.RequestsPerSecond:N0} | {median.P50Ms:0.00} ms |"));
        return report.ToString();
    }

    private static async Task<bool> StatementsAvailableAsync(string connection)
    {
        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()");
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    private static async Task<string> TopStatementsAsync(string connection, long requests)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT total_exec_time, calls, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY total_exec_time DESC
            """, db);
        var rows = new List<(double Total, long Calls, double Mean, string Query)>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetDouble(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3)));
        var total = rows.Sum(r => r.Total);
        var top = rows.Take(2).Select(r => string.Create(CultureInfo.InvariantCulture,
            $"{r.Mean:0.000} ms × {r.Calls / (double)Math.Max(1, requests):0.##}: `{Shorten(r.Query)}`"));
        return string.Create(CultureInfo.InvariantCulture, $"**{total / Math.Max(1, requests):0.000} ms** — {string.Join("; ", top)}");
    }

    private static string Shorten(string query)
    {
        var text = query.Replace("|", "\\|").Replace("`", "'");
        var from = text.IndexOf(" FROM ", StringComparison.Ordinal);
        if (text.StartsWith("SELECT", StringComparison.Ordinal) && from > 60)
            text = "SELECT … " + text[(from + 1)..];
        return text.Length <= 110 ? text : text[..110] + "…";
    }

    private static string WriteLines(string work, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(work, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
