using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadGrid.Api.Http;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Domain.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Hostile input never becomes a 500 or a silent accept (issue 9). The central test walks every JSON write the server
/// maps and every string field its JSON contract takes, found from the server itself, so a new endpoint or field is
/// covered without a line here — except its base body, which the test asks for by name.
/// </summary>
public class HostileInputTests(ApiFactory factory) : WebhookTest(factory)
{
    /// <summary>Characters no text may hold: every one must be a 400 naming the field.</summary>
    private static readonly string[] Forbidden = ["ab\u0000cd", "\u0000", "a\u0001b", "a\u0008b", "a\u001bb[31m", "a\u001fb", "a\u007fb", "a\ud800b", "\udc00"];

    /// <summary>Odd but not forbidden: any answer but a 500 (a 400 must name the field).</summary>
    private static readonly string[] Odd =
        ["%00", "O'Brien'); DROP TABLE contacts;--", "<script>alert(1)</script>", "\u202eevil", "😀 emoji", "  ", "",
         "a\tb", "a\nb", "a\r\nb", new string('x', 20_001), new string('é', 300), "../../etc/passwd", "${jndi:ldap://x}"];

    /// <summary>A valid body per write, which each case spoils in one field; %CONTACT% and %N% are filled in.</summary>
    private static readonly Dictionary<string, string> BaseBodies = new(StringComparer.Ordinal)
    {
        ["CreateContact"] = """{"full_name":"Base"}""",
        ["UpdateContact"] = "{}",
        ["CreateDossier"] = """{"type":"sales","name":"Base"}""",
        ["UpdateDossier"] = "{}",
        ["LinkContact"] = """{"contact_id":"%CONTACT%","role_on_dossier":"other"}""",
        ["AddNote"] = """{"content":"Base"}""",
        ["CreateOrganization"] = """{"name":"Base","plan":"growth"}""",
        ["UpdateOrganization"] = "{}",
        ["AddMember"] = """{"email":"base%N%@example.com","full_name":"Base"}""",
        ["CreateApiKey"] = """{"name":"Base","scopes":["flows:read"]}""",
        ["CreateWebhookEndpoint"] = """{"url":"https://example.com/h"}""",
        ["UpdateWebhookEndpoint"] = "{}",
        ["RotateWebhookSecret"] = "{}",
    };

    private sealed record Write(string Method, string Route, Type Body, string[] StringFields, string[] ListFields);

    [Fact]
    public async Task EveryStringFieldOfEveryWrite_RefusesControlCharactersNamingTheField_AndNoValueIsA500()
    {
        var writes = DiscoverWrites();
        Assert.True(writes.Count >= 13, $"Found only {writes.Count} JSON writes.");
        var (org, client) = await OrganizationWithClientAsync();
        var resources = await ResourcesAsync(org, client);
        var problems = new List<string>();
        var cases = 0;
        var n = 0;

        foreach (var write in writes)
        {
            var baseBody = BaseBodies.GetValueOrDefault(write.Body.Name)
                           ?? throw new InvalidOperationException($"Add a valid base body for {write.Body.Name} ({write.Method} {write.Route}).");
            foreach (var field in write.StringFields.Concat(write.ListFields))
            {
                foreach (var (value, forbidden) in Forbidden.Select(v => (v, true)).Concat(Odd.Select(v => (v, false))))
                {
                    cases++;
                    var body = JsonNode.Parse(baseBody.Replace("%CONTACT%", resources.Contact.ToString()).Replace("%N%", (++n).ToString()))!.AsObject();
                    body[field] = write.ListFields.Contains(field) ? new JsonArray(JsonValue.Create(Placeholder)) : JsonValue.Create(Placeholder);
                    var json = body.ToJsonString().Replace($"\"{Placeholder}\"", JsonLiteral(value));
                    var client2 = write.Route.StartsWith("/admin", StringComparison.Ordinal) ? Admin() : client;
                    using var request = new HttpRequestMessage(new HttpMethod(write.Method), resources.Fill(write.Route))
                    {
                        Content = new StringContent(json, Encoding.UTF8, "application/json"),
                    };
                    using var response = await client2.SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    var what = $"{write.Method} {write.Route} {field}={Printable(value)}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 200)]}";
                    if ((int)response.StatusCode >= 500)
                        problems.Add(what);
                    else if (forbidden && (response.StatusCode != HttpStatusCode.BadRequest
                                           || !text.Contains(write.ListFields.Contains(field) ? $"'{field}[0]'" : $"'{field}'")
                                           || !text.Contains(write.ListFields.Contains(field) ? $"\"param\":\"{field}[0]\"" : $"\"param\":\"{field}\"")))
                        problems.Add("not refused naming the field: " + what);
                    else if (response.StatusCode == HttpStatusCode.BadRequest && !text.Contains($"'{field}'") && !text.Contains($"'{field}[0]'")
                             && !text.Contains("'url' is refused"))
                        problems.Add("400 without the field's name: " + what);
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {cases} cases:\n" + string.Join("\n", problems.Take(40)));
    }

    [Theory]
    [InlineData("/api/v1/contacts?search=%00", "'search'")]
    [InlineData("/api/v1/contacts?search=a%01b", "'search'")]
    [InlineData("/api/v1/contacts?kind=%00", "'kind[0]'")]
    [InlineData("/api/v1/contacts?pool=%00", "'pool'")]
    [InlineData("/api/v1/dossiers?type=%00", "'type'")]
    [InlineData("/api/v1/dossiers?status=%00", "'status[0]'")]
    [InlineData("/api/v1/dossiers?stage_id=%00", "'stage_id'")]
    [InlineData("/api/v1/dossiers?assigned_to=%00", "'assigned_to'")]
    [InlineData("/api/v1/dossiers?updated_since=%00", "'updated_since'")]
    [InlineData("/api/v1/dossiers?overdue=%00", "'overdue'")]
    [InlineData("/api/v1/dossiers?page=%00", "'page'")]
    [InlineData("/api/v1/dossiers?per_page=%00", "'per_page'")]
    [InlineData("/api/v1/flows?type=%00", "'type'")]
    public async Task ControlCharactersInQueryParameters_Are400NamingTheParameter(string path, string parameter)
    {
        var (_, client) = await OrganizationWithClientAsync();

        Assert.Contains(parameter, await AssertErrorAsync(await client.GetAsync(path), HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task NulInAnAdminQueryParameter_Is400()
    {
        var org = await CreateOrganizationAsync();
        var endpoint = Id(await AddEndpointAsync(org, "https://example.com/h"));

        Assert.Contains("'state'", await AssertErrorAsync(
            await Admin().GetAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/deliveries?state=%00"), HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Theory]
    [InlineData("POST", "/api/v1/contacts", """{"full_name":"x","organization_id":"%ORG%"}""", "organization_id")]
    [InlineData("POST", "/api/v1/contacts", """{"full_name":"x","contact_id":"%ORG%"}""", "contact_id")]
    [InlineData("POST", "/api/v1/contacts", """{"full_name":"x","dossier_id":"%ORG%"}""", "dossier_id")]
    [InlineData("PATCH", "/api/v1/contacts/%CONTACT%", """{"organization_id":"%ORG%"}""", "organization_id")]
    [InlineData("PATCH", "/api/v1/contacts/%CONTACT%", """{"contact_id":"%ORG%"}""", "contact_id")]
    [InlineData("POST", "/api/v1/dossiers", """{"type":"sales","name":"x","organization_id":"%ORG%"}""", "organization_id")]
    [InlineData("POST", "/api/v1/dossiers", """{"type":"sales","name":"x","cv":"%PDF-1.7"}""", "cv")]
    [InlineData("PATCH", "/api/v1/dossiers/%DOSSIER%", """{"dossier_id":"%ORG%"}""", "dossier_id")]
    [InlineData("PATCH", "/api/v1/dossiers/%DOSSIER%", """{"flow_id":"%ORG%"}""", "flow_id")]
    [InlineData("POST", "/api/v1/dossiers/%DOSSIER%/notes", """{"content":"x","dossier_id":"%ORG%"}""", "dossier_id")]
    [InlineData("POST", "/api/v1/dossiers/%DOSSIER%/contacts", """{"contact_id":"%CONTACT%","role_on_dossier":"other","dossier_id":"%ORG%"}""", "dossier_id")]
    [InlineData("POST", "/admin/v1/organizations/%ORG%/api-keys", """{"name":"k","scopes":["flows:read"],"organization_id":"%ORG%"}""", "organization_id")]
    [InlineData("POST", "/admin/v1/organizations/%ORG%/members", """{"email":"m@example.com","full_name":"M","organization_id":"%ORG%"}""", "organization_id")]
    [InlineData("PATCH", "/admin/v1/organizations/%ORG%", """{"organization_id":"%ORG%"}""", "organization_id")]
    [InlineData("POST", "/admin/v1/organizations/%ORG%/webhook-endpoints", """{"url":"https://example.com/h","organization_id":"%ORG%"}""", "organization_id")]
    public async Task IdsOfOtherResourcesInABody_AreRefusedLikeAnyUnknownField(string method, string route, string json, string field)
    {
        var (org, client) = await OrganizationWithClientAsync();
        var resources = await ResourcesAsync(org, client);
        using var request = new HttpRequestMessage(new HttpMethod(method), resources.Fill(route)) { Content = Body(resources.Fill(json)) };

        var response = await (route.StartsWith("/admin", StringComparison.Ordinal) ? Admin() : client).SendAsync(request);

        Assert.Equal($"Unknown or read-only field '{field}'.", await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Theory]
    [InlineData("https://evil.example/\r\nX: y", "'linkedin_url' must not contain control characters.")]
    [InlineData("http://user:pass@host.example/", "'linkedin_url' must not contain a user name or password.")]
    [InlineData("javascript:alert(1)", "'linkedin_url' must be an absolute http or https URL.")]
    [InlineData("https://example.com/a b", "'linkedin_url' must not contain spaces.")]
    public async Task Urls_MustBeHttpWithoutCredentialsOrControlCharacters(string url, string message)
    {
        var (_, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "x", linkedin_url = url });

        Assert.Equal(message, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task AUrlOver2048Characters_IsRefused()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var url = "https://example.com/" + new string('a', 2029);

        Assert.Contains("2048", await AssertErrorAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "x", linkedin_url = url }),
            HttpStatusCode.BadRequest, "invalid_body"));
        await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "x", linkedin_url = url[..^1] }), HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-01 00:00:00Z")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-01-01T00:00:00+0100")]
    [InlineData("yesterday")]
    public async Task LooseTimestamps_Are400NamingTheParameterOrField(string timestamp)
    {
        var (_, client) = await OrganizationWithClientAsync();

        var query = await AssertErrorAsync(await client.GetAsync($"/api/v1/dossiers?updated_since={Uri.EscapeDataString(timestamp)}"),
            HttpStatusCode.BadRequest, "invalid_body");
        var body = await AssertErrorAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "x", pool_until = timestamp }),
            HttpStatusCode.BadRequest, "invalid_body");

        Assert.StartsWith("'updated_since' must be an RFC 3339 timestamp", query);
        Assert.StartsWith("'pool_until' must be an RFC 3339 timestamp", body);
    }

    [Theory]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("2026-01-01T01:30:00+01:30")]
    [InlineData("2026-01-01T00:00:00.123456z")]
    [InlineData("2025-12-31t19:00:00-05:00")]
    public async Task Rfc3339Timestamps_WithAnOffset_AreTaken(string timestamp)
    {
        var (_, client) = await OrganizationWithClientAsync();

        await ReadJsonAsync(await client.GetAsync($"/api/v1/dossiers?updated_since={Uri.EscapeDataString(timestamp)}"), HttpStatusCode.OK);
        var contact = await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "x", pool_until = timestamp }),
            HttpStatusCode.Created);
        Assert.Equal("2026-01-01T00:00:00Z", contact.GetProperty("data").GetProperty("pool_until").GetString());
    }

    [Fact]
    public async Task EveryAnswer_CarriesNosniff_AndApiAnswersNoStore()
    {
        var (org, client) = await OrganizationWithClientAsync();

        foreach (var response in new[]
                 {
                     await client.GetAsync("/api/v1/flows"), await client.GetAsync("/api/v1/nowhere"), await Anonymous().GetAsync("/api/v1/flows"),
                     await Admin().GetAsync($"/admin/v1/organizations/{org}"), await Anonymous().GetAsync("/health"),
                     await Anonymous().GetAsync("/openapi/v1.json"), await Anonymous().GetAsync("/docs"),
                 })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(response.Headers.Contains("X-Request-Id"));
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            if (path.StartsWith("/api", StringComparison.Ordinal) || path.StartsWith("/admin", StringComparison.Ordinal))
                Assert.True(response.Headers.CacheControl?.NoStore, $"{path} should be no-store");
        }
    }

    [Fact]
    public async Task ACvDownload_IsAnAttachmentInASandbox()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = Id(await CreateDossierAsync(client, new { type = "candidate", name = "Sophie" }));
        using var pdf = new ByteArrayContent("%PDF-<html><script>alert(document.cookie)</script>"u8.ToArray());
        pdf.Headers.ContentType = new("application/pdf");
        await ReadJsonAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", pdf), HttpStatusCode.OK);

        var download = await client.GetAsync($"/api/v1/dossiers/{dossier}/cv");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"cv.pdf\"", download.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task EveryGetRoute_AnswersHead_AsItsGetWould()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var resources = await ResourcesAsync(org, client);
        var routes = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => !r.Contains("{documentName}"))
            .Distinct().ToArray();
        Assert.True(routes.Length >= 15, $"Found only {routes.Length} GET routes.");

        foreach (var route in routes.Append("/openapi/v1.json"))
        {
            var path = resources.Fill(route);
            var http = path.StartsWith("/admin", StringComparison.Ordinal) ? Admin() : client;
            var get = await http.GetAsync(path);
            var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            // (That the body is left out is Kestrel's part, checked against a real server in HostileTrafficTests.)
            Assert.True(get.StatusCode == head.StatusCode, $"HEAD {path}: {(int)head.StatusCode}, GET: {(int)get.StatusCode}");
        }
    }

    [Fact]
    public async Task TheOpenApiServersEntry_ComesFromConfiguration_NeverFromTheHostHeader()
    {
        var spoofed = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        spoofed.Headers.Host = "evil.example";
        var document = await ReadJsonAsync(await Anonymous().SendAsync(spoofed), HttpStatusCode.OK);
        Assert.DoesNotContain("evil.example", document.GetRawText());
        // Unconfigured, the server is "/": wherever the document was fetched from, never a name the request chose.
        Assert.Equal("/", Assert.Single(document.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString());

        await using var configured = Factory.WithWebHostBuilder(b => b.UseSetting("Api:PublicUrl", "https://api.leadgrid.example/")
            .UseSetting("Webhooks:Dispatch", "false"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "evil.example";
        var servers = (await ReadJsonAsync(await configured.CreateClient().SendAsync(request), HttpStatusCode.OK)).GetProperty("servers");
        Assert.Equal("https://api.leadgrid.example", Assert.Single(servers.EnumerateArray()).GetProperty("url").GetString());
    }

    [Fact]
    public async Task ARequestWaitingOnALockedRow_Answers503WithinFiveSeconds()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var contact = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Locked" }), HttpStatusCode.Created))
            .GetProperty("data"));
        await using var holder = new Npgsql.NpgsqlConnection(ApiFactory.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM contacts WHERE id = @id FOR UPDATE", holder, transaction))
        {
            lockRow.Parameters.AddWithValue("id", contact);
            await lockRow.ExecuteScalarAsync();
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.PatchAsync($"/api/v1/contacts/{contact}", Body("""{"city":"Utrecht"}"""));
        var waited = clock.Elapsed;

        await AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.InRange(waited.TotalSeconds, 3.5, 5.0);
    }

    /// <summary>Every JSON write: its method, route, body type, and the string fields of its JSON contract.</summary>
    private List<Write> DiscoverWrites()
    {
        var options = Factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var writes = new List<Write>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault(m => m is "POST" or "PATCH" or "PUT");
            var body = endpoint.Metadata.OfType<JsonBodyMetadata>().FirstOrDefault()?.RequestType
                       ?? endpoint.Metadata.OfType<IAcceptsMetadata>().FirstOrDefault(a => a.ContentTypes.Contains("application/json"))?.RequestType;
            if (method is null || body is null) continue;
            var properties = options.GetTypeInfo(body).Properties;
            string[] Named(Func<Type, bool> match) => properties.Where(p => match(p.PropertyType)).Select(p => p.Name).ToArray();
            writes.Add(new Write(method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), body,
                Named(t => t == typeof(string) || t == typeof(Optional<string?>)),
                Named(t => t == typeof(string?[]) || t == typeof(string[]) || t == typeof(Optional<string?[]?>))));
        }
        return writes;
    }

    private sealed record Resources(Guid Org, Guid Contact, Guid Dossier, Guid Endpoint, Guid Delivery, Guid Key, Guid Member, Guid Flow)
    {
        public string Fill(string text)
        {
            string Route(string template) => template
                .Replace("/contacts/{id}", $"/contacts/{Contact}").Replace("/dossiers/{id}", $"/dossiers/{Dossier}")
                .Replace("/flows/{id}", $"/flows/{Flow}").Replace("/organizations/{id}", $"/organizations/{Org}")
                .Replace("{endpointId}", Endpoint.ToString()).Replace("{deliveryId}", Delivery.ToString())
                .Replace("{keyId}", Key.ToString()).Replace("{memberId}", Member.ToString()).Replace("{contactId}", Contact.ToString());
            return Route(text).Replace("%ORG%", Org.ToString()).Replace("%CONTACT%", Contact.ToString()).Replace("%DOSSIER%", Dossier.ToString());
        }
    }

    private async Task<Resources> ResourcesAsync(Guid org, HttpClient client)
    {
        var contact = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/contacts", new { full_name = "Linked" }), HttpStatusCode.Created))
            .GetProperty("data"));
        var dossier = Id(await CreateDossierAsync(client));
        await client.PostAsJsonAsync($"/api/v1/dossiers/{dossier}/contacts", new { contact_id = contact, role_on_dossier = "other" });
        var endpoint = Id(await AddEndpointAsync(org, "http://127.0.0.1:9/unused"));
        var delivery = Id((await ReadJsonAsync(await Admin().PostAsync($"{Prefix(org)}/webhook-endpoints/{endpoint}/test", null), HttpStatusCode.Created))
            .GetProperty("data"));
        var key = (await CreateKeyAsync(org)).Id;
        var member = Id((await ReadJsonAsync(await Admin().PostAsJsonAsync($"{Prefix(org)}/members", new { email = "member@example.com", full_name = "M" }),
            HttpStatusCode.Created)).GetProperty("data"));
        var flow = Id((await ReadJsonAsync(await client.GetAsync("/api/v1/flows"), HttpStatusCode.OK)).GetProperty("data")[0]);
        return new Resources(org, contact, dossier, endpoint, delivery, key, member, flow);
    }

    private const string Placeholder = "__HOSTILE__";

    /// <summary>
    /// The value as a JSON string literal, every control character and surrogate escaped by hand: a JSON writer would
    /// replace a lone surrogate with U+FFFD, and the server must see what an attacker sends.
    /// </summary>
    private static string JsonLiteral(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (var c in value)
            literal.Append(c is '"' or '\\' ? "\\" + c : char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        return literal.Append('"').ToString();
    }

    private static string Printable(string value) =>
        value.Length > 40 ? $"<{value.Length} chars>" : JsonSerializer.Serialize(value);
}
