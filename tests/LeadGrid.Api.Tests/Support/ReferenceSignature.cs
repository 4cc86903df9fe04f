using System.Diagnostics;
using System.Text.Json;

namespace LeadGrid.Api.Tests.Support;

/// <summary>Runs the reference's own verification snippet (JavaScript, in Node) over signed requests.</summary>
public static class ReferenceSignature
{
    public static async Task<bool[]> VerifyAsync(IEnumerable<(string Header, string Body, string Secret)> cases)
    {
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(input, JsonSerializer.Serialize(cases.Select(c => new { header = c.Header, body = c.Body, secret = c.Secret })));
            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Support", "reference-verify.mjs"));
            start.ArgumentList.Add(input);
            using var node = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
            var output = await node.StandardOutput.ReadToEndAsync();
            var errors = await node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            Assert.True(node.ExitCode == 0, $"node failed: {errors}");
            return JsonSerializer.Deserialize<bool[]>(output)!;
        }
        finally
        {
            File.Delete(input);
        }
    }
}
