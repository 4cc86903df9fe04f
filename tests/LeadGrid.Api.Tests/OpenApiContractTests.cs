using System.Net;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Common;

namespace LeadGrid.Api.Tests;

/// <summary>
/// Issue 14: the OpenAPI document is the contract, so a change of it is a reviewed change of a committed file
/// (<c>docs/openapi.v1.json</c>); and it is complete: every operation named, tagged and secured, every error answer with
/// the envelope, every example one the server itself accepts.
/// </summary>
public class OpenApiContractTests(ApiFactory factory) : ApiTest(factory)
{
    /// <summary>The repository: tests/LeadGrid.Api.Tests/bin/&lt;configuration&gt;/&lt;framework&gt;/ → five levels up.</summary>
    internal static string RepositoryRoot { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    internal static string SnapshotPath => Path.Combine(RepositoryRoot, "docs", "openapi.v1.json");

    [Fact]
    public async Task TheServedDocument_IsTheCommittedSnapshot()
    {
        var served = (await Anonymous().GetStringAsync("/openapi/v1.json")).ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (Environment.GetEnvironmentVariable("LEADGRID_ACCEPT_OPENAPI") == "1")
            await File.WriteAllTextAsync(SnapshotPath, served);

        var committed = (await File.ReadAllTextAsync(SnapshotPath)).ReplaceLineEndings("\n");
        if (served == committed) return;
        var servedLines = served.Split('\n');
        var committedLines = committed.Split('\n');
        var line = Enumerable.Range(0, Math.Min(servedLines.Length, committedLines.Length)).FirstOrDefault(i => servedLines[i] != committedLines[i]);
        Assert.Fail($"The served OpenAPI document differs from docs/openapi.v1.json at line {line + 1}:\n" +
                    $"  committed: {committedLines.ElementAtOrDefault(line)}\n  served:    {servedLines.ElementAtOrDefault(line)}\n" +
                    "The contract changed: review the difference, then accept it with LEADGRID_ACCEPT_OPENAPI=1 ./build.sh test " +
                    "--filter FullyQualifiedName~OpenApiContractTests and commit the file.");
    }

    [Fact]
    public async Task EveryOperation_IsNamedTaggedAndSecured_AndEveryErrorAnswerHasTheEnvelope()
    {
        var doc = await ReadJsonAsync(await Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var tags = doc.GetProperty("tags").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("description").GetString());
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("ApiKey").GetProperty("scheme").GetString());
        Assert.Equal("bearer", schemes.GetProperty("OperatorToken").GetProperty("scheme").GetString());
        var operationIds = new HashSet<string>();
        var operations = 0;

        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            operations++;
            var op = operation.Value;
            var what = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            Assert.True(operationIds.Add(op.GetProperty("operationId").GetString()!), $"{what}: operationId is missing or not unique");
            Assert.All(op.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(tags.GetValueOrDefault(t.GetString()!)), $"{what}: tag {t} has no description"));
            var security = Assert.Single(op.GetProperty("security").EnumerateArray());
            if (path.Name.StartsWith("/api/v1/", StringComparison.Ordinal))
                Assert.Equal(op.GetProperty("x-required-scopes").EnumerateArray().Select(s => s.GetString()),
                    security.GetProperty("ApiKey").EnumerateArray().Select(s => s.GetString()));
            else
                Assert.True(security.TryGetProperty("OperatorToken", out _), $"{what}: not secured by the operator token");
            foreach (var parameter in op.TryGetProperty("parameters", out var parameters) ? parameters.EnumerateArray() : [])
                if (parameter.GetProperty("in").GetString() == "path")
                    Assert.Equal("uuid", parameter.GetProperty("schema").GetProperty("format").GetString());
            foreach (var response in op.GetProperty("responses").EnumerateObject())
            {
                if (int.Parse(response.Name) >= 400)
                {
                    var json = response.Value.GetProperty("content").GetProperty("application/json");
                    Assert.Equal("#/components/schemas/ErrorResponse", json.GetProperty("schema").GetProperty("$ref").GetString());
                    Assert.False(string.IsNullOrEmpty(json.GetProperty("example").GetProperty("error").GetProperty("code").GetString()));
                }
                if (response.Name == "201")
                    Assert.True(response.Value.GetProperty("headers").TryGetProperty("Location", out _), $"{what}: 201 without Location");
            }
        }
        Assert.True(operations >= 40, $"only {operations} operations");
    }

    [Fact]
    public async Task TheContractsDetails_AreThere_EnumsNumbersNullabilityAndBinaryCvs()
    {
        var doc = await ReadJsonAsync(await Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        JsonElement Member(string schema, string member) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(member);
        JsonElement Resolve(JsonElement e) => ResolveIn(schemas, e);
        string[] Enum(JsonElement e) => Resolve(e).GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToArray();
        string[] Types(JsonElement e) => e.GetProperty("type") is { ValueKind: JsonValueKind.Array } many
            ? many.EnumerateArray().Select(t => t.GetString()!).Order().ToArray()
            : [e.GetProperty("type").GetString()!];

        Assert.Equal(["candidate", "sales"], Enum(Member("CreateDossier", "type")));
        Assert.Equal(["string"], Types(Resolve(Member("CreateDossier", "type")))); // required: never null
        Assert.Equal("#/components/schemas/DossierType", Member("DossierDetails", "type").GetProperty("$ref").GetString());
        Assert.Equal(["string"], Types(Member("UpdateDossier", "name"))); // may be left out, not cleared
        Assert.Equal(["null", "string"], Types(Member("UpdateDossier", "email")));
        Assert.Equal(["null", "number"], Types(Member("UpdateDossier", "deal_size")));
        Assert.Equal(["null", "number"], Types(Member("DossierDetails", "deal_size")));
        Assert.Equal(["active", "won", "lost", "archived"], Enum(Member("UpdateDossier", "status")));
        Assert.Equal(["candidate", "prospect", "client", "supplier", "partner"], Enum(Member("ContactDetails", "kind").GetProperty("items")));
        Assert.Equal(["primary", "hiring_manager", "decision_maker", "champion", "gatekeeper", "introducer", "other"],
            Enum(Member("LinkContact", "role_on_dossier")));
        Assert.Equal(["free", "pro", "growth"], Enum(Member("CreateOrganization", "plan")));
        Assert.Contains("dossiers:read", Enum(Member("CreateApiKey", "scopes").GetProperty("items")));
        Assert.Contains("note.created", Enum(Member("CreateWebhookEndpoint", "events").GetProperty("items")));
        // A representation carries every member; a partial update requires none.
        Assert.Equal(schemas.GetProperty("DossierDetails").GetProperty("properties").EnumerateObject().Count(),
            schemas.GetProperty("DossierDetails").GetProperty("required").GetArrayLength());
        Assert.False(schemas.GetProperty("UpdateDossier").TryGetProperty("required", out _));
        Assert.Equal("#/components/schemas/DossierDetails", schemas.GetProperty("DataEnvelopeOfDossierDetails").GetProperty("properties").GetProperty("data").GetProperty("$ref").GetString());
        Assert.DoesNotContain(schemas.EnumerateObject(), s => s.Name.Contains("Optional", StringComparison.Ordinal));

        var paths = doc.GetProperty("paths");
        var upload = paths.GetProperty("/api/v1/dossiers/{id}/cv").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal("binary", upload.GetProperty("application/pdf").GetProperty("schema").GetProperty("format").GetString());
        Assert.Equal("binary", upload.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("cv").GetProperty("format").GetString());
        var download = paths.GetProperty("/api/v1/dossiers/{id}/cv").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal("binary", download.GetProperty("application/pdf").GetProperty("schema").GetProperty("format").GetString());
        var create = paths.GetProperty("/api/v1/dossiers").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.Equal("binary", create.GetProperty("multipart/form-data").GetProperty("schema").GetProperty("properties").GetProperty("cv").GetProperty("format").GetString());
        var list = paths.GetProperty("/api/v1/dossiers").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));
        Assert.Equal("date-time", list["updated_since"].GetProperty("format").GetString());
        Assert.Equal("uuid", list["stage_id"].GetProperty("format").GetString());
        Assert.Contains("all", Enum(list["status"].GetProperty("items")));
        Assert.Equal(["code", "message", "param"], schemas.GetProperty("Error").GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.True(list.ContainsKey("cursor"));
        // A cursor from an example would be sent by a reference that pre-fills examples, and answer an empty page.
        Assert.False(paths.GetProperty("/api/v1/dossiers").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "cursor").TryGetProperty("example", out _));
        // Answers a validating proxy found undocumented: 409 on a contact's email, 413 on any JSON body.
        string CodeOf(string path, string method, string status) => paths.GetProperty(path).GetProperty(method).GetProperty("responses")
            .GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("error").GetProperty("code").GetString()!;
        Assert.Equal("duplicate_contact", CodeOf("/api/v1/contacts/{id}", "patch", "409"));
        Assert.Equal("duplicate_contact", CodeOf("/api/v1/contacts", "post", "409"));
        Assert.Equal("duplicate_member", CodeOf("/admin/v1/organizations/{id}/members", "post", "409"));
        Assert.Equal("payload_too_large", CodeOf("/api/v1/dossiers/{id}/notes", "post", "413"));
        Assert.Equal("payload_too_large", CodeOf("/api/v1/contacts/{id}", "patch", "413"));
        Assert.Equal(["string"], Types(Member("LinkContact", "contact_id"))); // required, never null
    }

    [Fact]
    public async Task EveryEventType_IsAWebhookOfTheDocument_WithItsPayloadsType()
    {
        var doc = await ReadJsonAsync(await Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var webhooks = doc.GetProperty("webhooks");

        Assert.Equal([.. LeadGrid.Domain.Webhooks.WebhookEventTypes.All, LeadGrid.Domain.Webhooks.WebhookEventTypes.Ping],
            webhooks.EnumerateObject().Select(w => w.Name));
        foreach (var webhook in webhooks.EnumerateObject())
        {
            var post = webhook.Value.GetProperty("post");
            var schema = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
                .GetProperty("$ref").GetString()!["#/components/schemas/".Length..];
            var type = doc.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").GetProperty("type");
            Assert.Contains(type.GetProperty("enum").EnumerateArray(), v => v.GetString() == webhook.Name);
            Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-LeadGrid-Signature");
        }
    }

    [Fact]
    public async Task EveryExample_HasItsSchemasMembers_AndEveryRequestExampleIsAcceptedByTheServersBinder()
    {
        var doc = await ReadJsonAsync(await Anonymous().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var requests = typeof(Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => typeof(MediatR.IBaseRequest).IsAssignableFrom(t)).ToDictionary(t => t.Name);
        var checkedExamples = 0;
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        JsonElement Resolve(JsonElement e) => ResolveIn(schemas, e);

        foreach (var schema in doc.GetProperty("components").GetProperty("schemas").EnumerateObject())
        {
            if (schema.Name.StartsWith("ListEnvelopeOf", StringComparison.Ordinal) || schema.Name.StartsWith("DataEnvelopeOf", StringComparison.Ordinal)
                || !schema.Value.TryGetProperty("properties", out var properties))
                continue;
            Assert.True(schema.Value.TryGetProperty("examples", out var examples), $"{schema.Name} has no example");
            var example = Assert.Single(examples.EnumerateArray());
            var members = properties.EnumerateObject().Select(p => p.Name).ToHashSet();
            var given = example.EnumerateObject().Select(p => p.Name).ToHashSet();
            Assert.True(given.IsSubsetOf(members), $"{schema.Name}'s example has members its schema has not: {string.Join(", ", given.Except(members))}");
            if (schema.Value.TryGetProperty("required", out var required))
                Assert.True(required.EnumerateArray().All(r => given.Contains(r.GetString()!)), $"{schema.Name}'s example lacks a required member");
            foreach (var property in example.EnumerateObject())
            {
                var member = Resolve(properties.GetProperty(property.Name));
                var allowed = member.TryGetProperty("enum", out var e) ? e
                    : member.TryGetProperty("items", out var items) && Resolve(items).TryGetProperty("enum", out var ie) ? ie : default;
                if (allowed.ValueKind != JsonValueKind.Array) continue;
                // (null, for a nullable member, is the schema's oneOf; Redocly's lint checks examples against that)
                var values = (property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToArray() : [property.Value])
                    .Where(v => v.ValueKind != JsonValueKind.Null);
                Assert.All(values, v => Assert.Contains(allowed.EnumerateArray(), a => a.ToString() == v.ToString() && a.ValueKind == v.ValueKind));
            }
            if (requests.TryGetValue(schema.Name, out var type))
                Assert.NotNull(JsonSerializer.Deserialize(example.GetRawText(), type, ApiJson.Options)); // throws on an unknown member or a wrong type
            checkedExamples++;
        }
        Assert.True(checkedExamples >= 30, $"only {checkedExamples} examples");
    }

    /// <summary>A closed set is a named schema; a member refers to it (a nullable one through oneOf [ref, null]).</summary>
    private static JsonElement ResolveIn(JsonElement schemas, JsonElement e) =>
        e.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..])
        : e.TryGetProperty("oneOf", out var oneOf) ? ResolveIn(schemas, oneOf.EnumerateArray().First(o => o.TryGetProperty("$ref", out _)))
        : e;
}
