namespace LeadGrid.Api.Tests;

/// <summary>The README's code is the code the tests run.</summary>
public class ReadmeSnippetTests
{
    [Fact]
    public void TheReadmesWebhookVerification_IsTheSnippetTheTestsCompile()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LeadGrid.sln")))
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        var snippet = File.ReadAllText(Path.Combine(root, "docs", "webhooks", "LeadGridWebhook.cs")).ReplaceLineEndings("\n").Trim();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");

        Assert.Contains("```csharp\n" + snippet + "\n```", readme);
    }
}
