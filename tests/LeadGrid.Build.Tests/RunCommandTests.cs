using System.Diagnostics;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace LeadGrid.Build.Tests;

/// <summary>
/// The README's run command from a fresh clone, as a new user tries it: <c>run-anywhere.sh</c> beside this file clones
/// the repository, runs <c>./build.sh run</c> until the printed key gets 200, runs <c>./build.sh migrate list</c> beside
/// it, stops it with Ctrl+C, and checks that the data survives a restart and that deleting <c>./.leadgrid</c> starts
/// from scratch. Each scenario builds the API in its clone, so each takes about 40 seconds.
/// </summary>
public class RunCommandTests(ITestOutputHelper output)
{
    [RootFact]
    public void Run_AsRootInAPrivateFolder_ServesFromAClusterThePostgresUserCanReach() => RunScenario("private-root");

    [NonRootUserFact]
    public void Run_AsANonRootUser_ServesFromAClusterInTheClone() => RunScenario("user", Machine.NonRootUserToSwitchTo ?? "");

    private void RunScenario(params string[] arguments)
    {
        var script = Path.Combine(Machine.RepositoryRoot, "tests", "LeadGrid.Build.Tests", "run-anywhere.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments.Where(a => a.Length > 0))
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"run-anywhere.sh {string.Join(' ', arguments)} did not finish within 15 minutes:\n{log}");
        }
        process.WaitForExit(); // drains the output
        output.WriteLine(log.ToString());
        Assert.True(process.ExitCode == 0, $"run-anywhere.sh {string.Join(' ', arguments)} failed (exit {process.ExitCode}):\n{log}");
    }
}

/// <summary>Runs only as root (the private-folder scenario needs a folder the postgres user cannot enter).</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Machine.IsRoot)
            Skip = "Needs root: the scenario is a mode-700 folder owned by root.";
    }
}

/// <summary>Runs as the current user when it is not root, or, as root, switches to a non-root user the machine has.</summary>
public sealed class NonRootUserFactAttribute : FactAttribute
{
    public NonRootUserFactAttribute()
    {
        if (Machine.IsRoot && Machine.NonRootUserToSwitchTo is null)
            Skip = "This machine has no non-root user with a login shell (set LEADGRID_TEST_USER to name one).";
    }
}

internal static class Machine
{
    public static bool IsRoot { get; } = geteuid() == 0;

    /// <summary>As root: LEADGRID_TEST_USER, else the first ordinary account (uid 1000–59999 with a login shell).</summary>
    public static string? NonRootUserToSwitchTo { get; } = IsRoot ? FindNonRootUser() : null;

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string? FindNonRootUser()
    {
        if (Environment.GetEnvironmentVariable("LEADGRID_TEST_USER") is { Length: > 0 } named)
            return named;
        return File.ReadLines("/etc/passwd")
            .Select(line => line.Split(':'))
            .Where(f => f.Length >= 7 && int.TryParse(f[2], out var uid) && uid is >= 1000 and < 60000)
            .Where(f => !f[6].EndsWith("nologin", StringComparison.Ordinal) && !f[6].EndsWith("false", StringComparison.Ordinal))
            .Select(f => f[0])
            .FirstOrDefault();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LeadGrid.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No LeadGrid.sln above {AppContext.BaseDirectory}.");
    }

    [DllImport("libc")]
    private static extern uint geteuid();
}
