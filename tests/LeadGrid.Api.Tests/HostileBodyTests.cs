using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LeadGrid.Api.Tests.Support;

namespace LeadGrid.Api.Tests;

/// <summary>Malformed and oversized bodies (issue 9): 400 or 413 in the envelope, never a 500, nothing stored.</summary>
public class HostileBodyTests(ApiFactory factory) : WebhookTest(factory)
{
    private const string Boundary = "b0undary";

    public static TheoryData<string, string, string, HttpStatusCode> MalformedMultipart() => new()
    {
        { "5,000 form fields", $"multipart/form-data; boundary={Boundary}", Parts(Enumerable.Range(0, 5000).Select(i => Field($"f{i}", "x"))), HttpStatusCode.BadRequest },
        { "3,000 cv parts", $"multipart/form-data; boundary={Boundary}", Parts(Enumerable.Range(0, 3000).Select(_ => File("cv", "%PDF-1.7"))), HttpStatusCode.BadRequest },
        { "no boundary", "multipart/form-data", Parts([Field("type", "sales"), Field("name", "x")]), HttpStatusCode.BadRequest },
        { "a 200-character boundary", $"multipart/form-data; boundary={new string('b', 200)}", "--" + new string('b', 200) + "\r\n\r\n", HttpStatusCode.BadRequest },
        { "the body 'garbage'", $"multipart/form-data; boundary={Boundary}", "garbage", HttpStatusCode.BadRequest },
        { "no closing boundary", $"multipart/form-data; boundary={Boundary}", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\nsales", HttpStatusCode.BadRequest },
        { "a part without Content-Disposition", $"multipart/form-data; boundary={Boundary}", $"--{Boundary}\r\nX-Other: 1\r\n\r\nsales\r\n--{Boundary}--\r\n", HttpStatusCode.BadRequest },
        { "a field twice", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", "x"), Field("name", "y")]), HttpStatusCode.BadRequest },
        { "a part with 20 headers", $"multipart/form-data; boundary={Boundary}", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"type\"\r\n{string.Concat(Enumerable.Range(0, 20).Select(i => $"X-H{i}: v\r\n"))}\r\nsales\r\n--{Boundary}--\r\n", HttpStatusCode.BadRequest },
        { "a 20 KB part header", $"multipart/form-data; boundary={Boundary}", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"type\"\r\nX-Big: {new string('x', 20_000)}\r\n\r\nsales\r\n--{Boundary}--\r\n", HttpStatusCode.BadRequest },
        { "a 200 KB field", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", new string('x', 200_000))]), HttpStatusCode.BadRequest },
        { "a file in another field", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", "x"), File("resume", "%PDF-1.7")]), HttpStatusCode.BadRequest },
        { "a NUL in a field", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", "a\u0000b")]), HttpStatusCode.BadRequest },
        { "a NUL in the notes", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", "x"), Field("intake_notes", "a\u0000b")]), HttpStatusCode.BadRequest },
        { "a line break in the name", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", "a\r\nb")]), HttpStatusCode.BadRequest },
        { "an unknown field", $"multipart/form-data; boundary={Boundary}", Parts([Field("type", "sales"), Field("name", "x"), Field("organization_id", Guid.Empty.ToString())]), HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(MalformedMultipart))]
    public async Task AMalformedMultipartCreate_Is400Or413_NeverA500_AndStoresNothing(string what, string contentType, string body, HttpStatusCode expected)
    {
        var (org, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsync("/api/v1/dossiers", Raw(contentType, body));

        var message = await AssertErrorAsync(response, expected, expected == HttpStatusCode.BadRequest ? "invalid_body" : "payload_too_large");
        Assert.False(string.IsNullOrWhiteSpace(message), what);
        Assert.Empty(await QueryAsync<Guid>("SELECT id FROM dossiers WHERE org_id = @org", new { org }));
        Assert.Empty(await OutboxTypesAsync(org));
    }

    [Theory]
    [MemberData(nameof(MalformedMultipart))]
    public async Task AMalformedMultipartCvUpload_Is400Or413_NeverA500(string what, string contentType, string body, HttpStatusCode expected)
    {
        var (_, client) = await OrganizationWithClientAsync();
        var dossier = Id(await CreateDossierAsync(client, new { type = "candidate", name = "Sophie" }));

        var response = await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", Raw(contentType, body));

        var message = await AssertErrorAsync(response, expected, expected == HttpStatusCode.BadRequest ? "invalid_body" : "payload_too_large");
        Assert.False(string.IsNullOrWhiteSpace(message), what);
    }

    [Fact]
    public async Task AWellFormedMultipartCreate_StillWorks()
    {
        var (_, client) = await OrganizationWithClientAsync();
        var body = Parts([Field("type", "candidate"), Field("name", "Sophie van Dijk"), Field("intake_notes", "Line one\r\nLine\ttwo"), File("cv", "%PDF-1.7 ok")]);

        var created = await ReadJsonAsync(await client.PostAsync("/api/v1/dossiers", Raw($"multipart/form-data; boundary=\"{Boundary}\"", body)), HttpStatusCode.Created);

        Assert.Equal("Line one\r\nLine\ttwo", created.GetProperty("data").GetProperty("intake_notes").GetString());
        Assert.NotNull(created.GetProperty("data").GetProperty("cv_url").GetString());
    }

    [Fact]
    public async Task AJsonBodyOverOneMegabyte_Is413_ByItsLengthOrAsSoonAsReadingPassesIt()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var json = $$"""{"full_name":"x","notes":"{{new string('n', 1024 * 1024)}}"}""";

        var declared = await client.PostAsync("/api/v1/contacts", new StringContent(json, Encoding.UTF8, "application/json"));
        var chunked = await client.PostAsync("/api/v1/contacts", new ChunkedContent(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("1,048,576", await AssertErrorAsync(declared, HttpStatusCode.RequestEntityTooLarge, "payload_too_large"));
        await AssertErrorAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Empty(await QueryAsync<Guid>("SELECT id FROM contacts WHERE org_id = @org", new { org }));
        var justUnder = $$"""{"full_name":"x","notes":"{{new string('n', 20_000)}}"}""";
        await ReadJsonAsync(await client.PostAsync("/api/v1/contacts", new StringContent(justUnder, Encoding.UTF8, "application/json")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheJsonLimit_IsConfigurable()
    {
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org);
        await using var strict = Factory.WithWebHostBuilder(b => b.UseSetting("Api:MaxJsonBodyBytes", "100").UseSetting("Webhooks:Dispatch", "false"));
        var client = strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var response = await client.PostAsync("/api/v1/contacts", Body($$"""{"full_name":"{{new string('x', 100)}}"}"""));

        Assert.Contains("100 bytes", await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large"));
    }

    private static string Field(string name, string value) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

    private static string File(string name, string content) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"cv.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{content}\r\n";

    private static string Parts(IEnumerable<string> parts) => string.Concat(parts) + $"--{Boundary}--\r\n";

    private static HttpContent Raw(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    /// <summary>A body without Content-Length (sent chunked), so only reading can tell its size.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) => stream.Write(_bytes);
    }
}
