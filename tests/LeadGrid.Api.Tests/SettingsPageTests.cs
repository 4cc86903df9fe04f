using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using LeadGrid.Api.Tests.Support;
using Microsoft.Playwright;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Settings → API in a real Chromium (the Debian package, driven by Playwright) against a real server process:
/// invite → password → sign in → keys → webhooks → deliveries → sign out; members read only; antiforgery; lockout;
/// another organization's ids; accessibility (axe). Screenshots go to the test output folder (docs/ has copies).
/// </summary>
public class SettingsPageTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";

    // The document, not every subresource: under a loaded machine the load event may trail far behind.
    private ScratchDatabase _database = null!;
    private ServerProcess _server = null!;
    private WebhookReceiver _receiver = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _database = await ScratchDatabase.CreateAsync();
        _server = ServerProcess.Start(_database.ConnectionString, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Testing" });
        _receiver = await WebhookReceiver.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { Headless = true, ExecutablePath = Chromium() });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _receiver.DisposeAsync();
        _server.Kill();
        await _database.DisposeAsync();
    }

    private static string Chromium() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("chromium is missing: run the tests with ./build.sh test, which installs it.");

    private HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = new Uri(_server.Url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminToken);
        return client;
    }

    private async Task<JsonElement> PostAdminAsync(string path, object body)
    {
        var response = await Admin().PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    private async Task<Guid> OrganizationAsync(string name) =>
        (await PostAdminAsync("/admin/v1/organizations", new { name, plan = "growth" })).GetProperty("id").GetGuid();

    private async Task<string> InviteAsync(Guid org, string email, string? role = null) =>
        (await PostAdminAsync($"/admin/v1/organizations/{org}/members", new { email, full_name = email.Split('@')[0], role })).GetProperty("invite_url").GetString()!;

    private async Task<IPage> SignedInAsync(string inviteUrl, string email)
    {
        var context = await _browser.NewContextAsync();
        context.SetDefaultTimeout(60_000); // two cores shared with the rest of the suite, which runs alongside
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(inviteUrl);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("button[type=submit]");
        await ArrivedAsync(page, "Sign in to LeadGrid", "/signin");
        Assert.Equal(email, await page.InputValueAsync("#email"));
        await page.FillAsync("#password", Password);
        await page.ClickAsync("main button[type=submit]");
        await ArrivedAsync(page, "Settings → API", "/settings/api");
        return page;
    }

    /// <summary>
    /// Waits for the page that has this heading and checks where it is: the heading is there once the server answered,
    /// whatever the browser's load events do on a machine the rest of the suite keeps busy (waiting for the URL's load
    /// state timed out now and then although the page was there).
    /// </summary>
    private static async Task ArrivedAsync(IPage page, string heading, string path)
    {
        try
        {
            await page.WaitForSelectorAsync($"h1:has-text('{heading}')");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected the page '{heading}', but the browser is at {page.Url}: {await page.InnerTextAsync("body")}");
        }
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task AnAdmin_InvitedSignsIn_MakesAndRevokesAKey_AddsAWebhook_SeesADeliveryAndRedelivers_SignsOut()
    {
        var org = await OrganizationAsync("Acme Recruiting");
        var page = await SignedInAsync(await InviteAsync(org, "ada@example.com"), "ada@example.com");
        Assert.Contains("ada (admin)", await page.InnerTextAsync("header"));

        // A key, shown once, that works against the API; then revoked, it does not.
        await page.FillAsync("#key-name", "CRM sync");
        await page.CheckAsync("input[name=Scopes][value='flows:read']");
        await page.CheckAsync("input[name=Scopes][value='dossiers:read']");
        await page.CheckAsync("input[name=Scopes][value='dossiers:write']");
        await page.ClickAsync("text=Create API key");
        var key = (await page.InnerTextAsync("#new-key")).Trim();
        Assert.StartsWith("lg_live_", key);
        using var api = _server.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/flows")).StatusCode);
        await page.GotoAsync($"{_server.Url}/settings/api");
        Assert.Equal(0, await page.Locator("#new-key").CountAsync()); // shown once
        Assert.DoesNotContain(key, await page.ContentAsync());
        await page.CheckAsync("tr:has-text('CRM sync') input[name=Confirm]");
        await page.ClickAsync("tr:has-text('CRM sync') button:has-text('Revoke')");
        await page.WaitForSelectorAsync("tr:has-text('CRM sync') td:nth-child(7):not(:has-text('—'))");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/flows")).StatusCode);

        // A webhook endpoint at a loopback receiver; a dossier created through the API is delivered and listed.
        await page.FillAsync("#endpoint-url", _receiver.UrlFor("/hooks"));
        await page.ClickAsync("text=Add endpoint");
        Assert.StartsWith("whsec_", (await page.InnerTextAsync("#new-secret")).Trim());
        var writerKey = (await PostAdminAsync($"/admin/v1/organizations/{org}/api-keys", new { name = "writer", scopes = new[] { "dossiers:write" } }))
            .GetProperty("key").GetString()!;
        using var writer = _server.Client(writerKey);
        Assert.Equal(HttpStatusCode.Created, (await writer.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "Sophie de Vries" })).StatusCode);
        await _receiver.WaitForAsync(1);
        await page.ClickAsync("a:has-text('Deliveries')");
        for (var i = 0; i < 50 && await page.Locator("h2:has-text('dossier.created')").CountAsync() == 0; i++)
        {
            await Task.Delay(100);
            await page.ReloadAsync();
        }
        Assert.Contains("succeeded", await page.InnerTextAsync("h2:has-text('dossier.created')"));
        Assert.Contains("200", await page.InnerTextAsync("section.delivery table"));
        await page.ClickAsync("text=Redeliver");
        Assert.Contains("new attempt", await page.InnerTextAsync("main"));
        await _receiver.WaitForAsync(2);

        await page.ClickAsync("text=Sign out");
        await ArrivedAsync(page, "Sign in to LeadGrid", "/signin");
        var after = await page.GotoAsync($"{_server.Url}/settings/api");
        Assert.Contains("/signin", page.Url);
        Assert.Equal(0, await page.Locator("text=Sign out").CountAsync());
    }

    [Fact]
    public async Task AMember_SeesTheKeysReadOnly_AndAForgedPostIs403()
    {
        var org = await OrganizationAsync("Acme");
        await InviteAsync(org, "admin@example.com");
        await PostAdminAsync($"/admin/v1/organizations/{org}/api-keys", new { name = "existing", scopes = new[] { "flows:read" } });
        var page = await SignedInAsync(await InviteAsync(org, "mo@example.com"), "mo@example.com");

        Assert.Contains("existing", await page.InnerTextAsync("main"));
        Assert.Equal(0, await page.Locator("#key-name").CountAsync());
        Assert.Equal(0, await page.Locator("button:has-text('Revoke')").CountAsync());
        Assert.Equal(0, await page.Locator("#endpoint-url").CountAsync());

        var token = await page.GetAttributeAsync("input[name=__RequestVerificationToken]", "value");
        var forged = await page.APIRequest.PostAsync($"{_server.Url}/settings/api?handler=CreateKey", new()
        {
            Form = page.APIRequest.CreateFormData().Set("Name", "forged").Append("Scopes", "flows:read").Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        Assert.Equal(403, forged.Status);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused()
    {
        var org = await OrganizationAsync("Acme");
        var page = await SignedInAsync(await InviteAsync(org, "ada@example.com"), "ada@example.com");
        var response = await page.APIRequest.PostAsync($"{_server.Url}/settings/api?handler=CreateKey", new()
        {
            Form = page.APIRequest.CreateFormData().Set("Name", "no token").Append("Scopes", "flows:read"),
            MaxRedirects = 0,
        });
        Assert.Equal(400, response.Status);
        await page.ReloadAsync();
        Assert.DoesNotContain("no token", await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task FiveFailures_LockTheEmail_WithTheSameAnswerAsAnUnknownEmail()
    {
        var org = await OrganizationAsync("Acme");
        var page = await SignedInAsync(await InviteAsync(org, "ada@example.com"), "ada@example.com");
        await page.ClickAsync("text=Sign out");
        await ArrivedAsync(page, "Sign in to LeadGrid", "/signin");

        async Task<string> TryAsync(string email, string password)
        {
            await page.GotoAsync($"{_server.Url}/signin");
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", password);
            await page.ClickAsync("main button[type=submit]");
            return (await page.InnerTextAsync("#signin-error")).Trim();
        }

        var unknown = await TryAsync("nobody@example.com", "wrong password!!");
        for (var i = 0; i < 5; i++)
            Assert.Equal(unknown, await TryAsync("ada@example.com", "wrong password!!"));
        Assert.Equal(unknown, await TryAsync("ada@example.com", Password)); // locked now
        Assert.EndsWith("/signin", page.Url);
    }

    [Fact]
    public async Task AnotherOrganizationsEndpoint_Is404_AndNeverListed()
    {
        var other = await OrganizationAsync("Other");
        var foreign = (await PostAdminAsync($"/admin/v1/organizations/{other}/webhook-endpoints", new { url = _receiver.UrlFor("/other") }))
            .GetProperty("id").GetGuid();
        var org = await OrganizationAsync("Acme");
        var page = await SignedInAsync(await InviteAsync(org, "ada@example.com"), "ada@example.com");

        Assert.DoesNotContain("/other", await page.InnerTextAsync("main"));
        var foreignKey = (await PostAdminAsync($"/admin/v1/organizations/{other}/api-keys", new { name = "theirs", scopes = new[] { "flows:read" } }))
            .GetProperty("id").GetGuid();
        await page.ReloadAsync();
        Assert.DoesNotContain("theirs", await page.InnerTextAsync("main"));
        var token = await page.GetAttributeAsync("input[name=__RequestVerificationToken]", "value");
        var revoke = await page.APIRequest.PostAsync($"{_server.Url}/settings/api?handler=Revoke", new()
        {
            Form = page.APIRequest.CreateFormData().Set("KeyId", foreignKey.ToString()).Set("Confirm", "yes").Set("__RequestVerificationToken", token!),
            MaxRedirects = 0,
        });
        Assert.Equal(404, revoke.Status);
        var response = await page.GotoAsync($"{_server.Url}/settings/api/webhooks/{foreign}");
        Assert.Equal(404, response!.Status);
    }

    [Fact]
    public async Task AnAdmin_EditsDisablesRotatesTestsAndRemovesAnEndpoint()
    {
        var org = await OrganizationAsync("Acme");
        await PostAdminAsync($"/admin/v1/organizations/{org}/webhook-endpoints", new { url = _receiver.UrlFor("/first") });
        var page = await SignedInAsync(await InviteAsync(org, "ada@example.com"), "ada@example.com");

        await page.ClickAsync("summary:has-text('Edit or remove')");
        var edit = page.Locator("form:has(button:has-text('Save'))");
        await edit.Locator("input[name=Url]").FillAsync("ftp://nope.example");
        await edit.Locator("button:has-text('Save')").ClickAsync();
        Assert.Contains("url", await page.InnerTextAsync("td .error")); // the API's own message, next to the form (kept open)
        edit = page.Locator("form:has(button:has-text('Save'))");
        await edit.Locator("input[name=Url]").FillAsync(_receiver.UrlFor("/second"));
        await edit.Locator("input[value='note.created']").UncheckAsync();
        await edit.Locator("button:has-text('Save')").ClickAsync();
        Assert.Contains("/second", await page.InnerTextAsync("table:has-text('Where this organization')"));
        Assert.DoesNotContain("note.created", await page.InnerTextAsync("table:has-text('Where this organization') tbody"));

        await page.ClickAsync("button:has-text('Disable')");
        Assert.Contains("disabled", await page.InnerTextAsync("table:has-text('Where this organization') tbody"));
        await page.ClickAsync("button:has-text('Enable')");
        Assert.Contains("enabled", await page.InnerTextAsync("table:has-text('Where this organization') tbody"));

        await page.ClickAsync("button:has-text('Rotate secret')");
        Assert.StartsWith("whsec_", (await page.InnerTextAsync("#new-secret")).Trim());
        Assert.Contains("24 hours", await page.InnerTextAsync("main"));

        await page.ClickAsync("button:has-text('Send test event')");
        var ping = (await _receiver.WaitForAsync(1, r => r.Path == "/second")).Single();
        Assert.Equal("ping", ping.Json.GetProperty("type").GetString());
        Assert.Contains("/settings/api/webhooks/", page.Url);

        await page.GotoAsync($"{_server.Url}/settings/api");
        await page.ClickAsync("summary:has-text('Edit or remove')");
        await page.CheckAsync("form:has(button:has-text('Remove endpoint')) input[name=Confirm]");
        await page.ClickAsync("button:has-text('Remove endpoint')");
        Assert.Contains("No webhook endpoints yet", await page.InnerTextAsync("main"));
    }

    [Fact]
    public async Task ThePage_HasNoSeriousAccessibilityViolations_AndIsScreenshotted()
    {
        var org = await OrganizationAsync("Acme Recruiting");
        await PostAdminAsync($"/admin/v1/organizations/{org}/api-keys", new { name = "CRM sync", scopes = new[] { "flows:read", "dossiers:read" } });
        await PostAdminAsync($"/admin/v1/organizations/{org}/webhook-endpoints", new { url = _receiver.UrlFor("/hooks") });
        var page = await SignedInAsync(await InviteAsync(org, "ada@example.com"), "ada@example.com");

        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToArray();
        Assert.True(serious.Length == 0, string.Join("\n", serious));
        var headers = await page.GotoAsync($"{_server.Url}/settings/api");
        Assert.Contains("default-src 'none'", headers!.Headers["content-security-policy"]);

        await page.SetViewportSizeAsync(1280, 900);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "settings-api-desktop.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "settings-api-phone.png"), FullPage = true });
        var phone = await page.RunAxe();
        Assert.DoesNotContain(phone.Violations, v => v.Impact is "serious" or "critical");
    }

    [Fact]
    public async Task TheReference_AtDocs_IsScalarFromThisServerAlone_WithTheOperationsAndABearerField()
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var elsewhere = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(_server.Url, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                elsewhere.Add(request.Url);
        };

        await page.GotoAsync($"{_server.Url}/");
        await page.WaitForSelectorAsync("h1:has-text('LeadGrid API')");
        await page.WaitForSelectorAsync("text=List dossiers");
        await page.WaitForSelectorAsync("text=Bearer Token");

        Assert.Equal("/docs/", new Uri(page.Url).AbsolutePath);
        Assert.Empty(elsewhere); // no CDN, fonts or telemetry: the page works offline and tells nobody
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "api-reference.png") });
        await context.DisposeAsync();
    }
}
