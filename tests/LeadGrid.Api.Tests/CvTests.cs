using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeadGrid.Api.Tests.Support;
using LeadGrid.Application.Common;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace LeadGrid.Api.Tests;

public class CvTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private static MultipartFormDataContent Form(byte[]? cv, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        if (cv is not null)
        {
            var file = new ByteArrayContent(cv);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "cv", "resume.pdf");
        }
        return form;
    }

    [Theory]
    [InlineData("deal_size", "12k", "deal_size", "must be a number")]
    [InlineData("type", "boss", "type", "is an unknown type 'boss'")]
    [InlineData("contact_id", "nope", "contact_id", "must be a UUID")]
    [InlineData("organization_id", "01a229fd-ebae-77bc-a1c8-ef60d5511809", "organization_id", "Unknown or read-only field")]
    [InlineData("cv_url", "x.pdf", "cv_url", "Unknown or read-only field")]
    public async Task AMultipartCreate_IsBoundByTheJsonContract_FieldForField(string field, string value, string param, string says)
    {
        var (org, client) = await OrganizationWithClientAsync();
        (string, string)[] fields = field == "type" ? [(field, value), ("name", "KLM")] : [("type", "sales"), ("name", "KLM"), (field, value)];

        var (message, actual) = await AssertErrorWithParamAsync(await client.PostAsync("/api/v1/dossiers", Form(Pdf, fields)),
            HttpStatusCode.BadRequest, "invalid_body");

        Assert.Equal(param, actual);
        Assert.Contains(says, message);
        Assert.Empty(await QueryAsync<Guid>("SELECT id FROM dossiers WHERE org_id = @org", new { org }));
    }

    [Fact]
    public async Task AMultipartCreate_TakesNumbersAndIdsAsText()
    {
        var (_, client) = await OrganizationWithClientAsync();

        var dossier = (await ReadJsonAsync(await client.PostAsync("/api/v1/dossiers",
            Form(Pdf, ("type", "sales"), ("name", "KLM"), ("deal_size", "62000.50"), ("deal_currency", "eur"), ("contact_person", "Pieter"))),
            HttpStatusCode.Created)).GetProperty("data");

        Assert.Equal(62000.50m, dossier.GetProperty("deal_size").GetDecimal());
        Assert.Equal("EUR", dossier.GetProperty("deal_currency").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, dossier.GetProperty("cv_url").ValueKind);
    }

    [Fact]
    public async Task TheReadmesMultipartExample_WithTheShippedSamplePdf_CreatesTheDossierWithItsCv()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var sample = await File.ReadAllBytesAsync(Path.Combine(OpenApiContractTests.RepositoryRoot, "docs", "sample-cv.pdf"));

        var dossier = (await ReadJsonAsync(await client.PostAsync("/api/v1/dossiers",
            Form(sample, ("type", "candidate"), ("name", "Sophie van Dijk"), ("email", "sophie@example.com"))), HttpStatusCode.Created)).GetProperty("data");

        Assert.Equal($"{org}/dossiers/{Id(dossier)}/cv.pdf", dossier.GetProperty("cv_url").GetString());
        Assert.Equal(sample, await File.ReadAllBytesAsync(StoredPath(org, Id(dossier))));
    }

    private string StoredPath(Guid org, Guid dossier) => Path.Combine(Factory.StorageRoot, org.ToString(), "dossiers", dossier.ToString(), "cv.pdf");

    [Fact]
    public async Task MultipartCreate_WithACv_StoresItAsPartOfTheCreation()
    {
        var (org, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsync("/api/v1/dossiers", Form(Pdf,
            ("type", "candidate"), ("name", "Sophie van Dijk"), ("role", "Senior Frontend Engineer"), ("email", "sophie@example.com")));

        var dossier = (await ReadJsonAsync(response, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal($"{org}/dossiers/{Id(dossier)}/cv.pdf", dossier.GetProperty("cv_url").GetString());
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
        var download = await client.GetAsync($"/api/v1/dossiers/{Id(dossier)}/cv");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(StoredPath(org, Id(dossier)))!));
    }

    [Fact]
    public async Task MultipartCreate_WithoutACv_IsAPlainCreate_WithTypedFields()
    {
        var (org, client) = await OrganizationWithClientAsync();

        var dossier = (await ReadJsonAsync(await client.PostAsync("/api/v1/dossiers", Form(null,
            ("type", "sales"), ("name", "KLM"), ("deal_size", "62000.50"), ("deal_currency", "EUR"))), HttpStatusCode.Created)).GetProperty("data");

        Assert.Equal(62000.50m, dossier.GetProperty("deal_size").GetDecimal());
        Assert.Equal(JsonValueKind.Null, dossier.GetProperty("cv_url").ValueKind);
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task MultipartCreate_WhenStoringTheCvFails_LeavesNothingBehind()
    {
        await using var broken = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IFileStorage, FailingStorage>()));
        var org = await CreateOrganizationAsync();
        var (_, key) = await CreateKeyAsync(org);
        var client = broken.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);

        var response = await client.PostAsync("/api/v1/dossiers", Form(Pdf, ("type", "candidate"), ("name", "Sophie"), ("email", "sophie@example.com")));

        await AssertErrorAsync(response, HttpStatusCode.InternalServerError, "internal");
        Assert.Equal(0, (await QueryAsync<long>("SELECT count(*) FROM dossiers WHERE org_id = @org", new { org })).Single());
        Assert.Equal(0, (await QueryAsync<long>("SELECT count(*) FROM contacts WHERE org_id = @org", new { org })).Single());
        Assert.Empty(await OutboxTypesAsync(org));
        Assert.False(Directory.Exists(Path.Combine(Factory.StorageRoot, org.ToString())));
    }

    [Fact]
    public async Task MultipartCreate_ThatFailsValidation_StoresNoFile()
    {
        var (org, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsync("/api/v1/dossiers", Form(Pdf, ("type", "candidate"), ("name", "Sophie"), ("deal_size", "5")));

        Assert.Contains("'deal_size'", await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
        Assert.False(Directory.Exists(Path.Combine(Factory.StorageRoot, org.ToString())));
        Assert.Empty(await OutboxTypesAsync(org));
    }

    [Theory]
    [InlineData("nickname", "Soph", "'nickname'")]
    [InlineData("cv_url", "x", "'cv_url'")]
    [InlineData("contact_id", "abc", "'contact_id'")]
    [InlineData("deal_size", "lots", "'deal_size'")]
    public async Task MultipartCreate_BadField_Is400NamingIt(string name, string value, string expected)
    {
        var (_, client) = await OrganizationWithClientAsync();

        var response = await client.PostAsync("/api/v1/dossiers", Form(null, ("type", "sales"), ("name", "KLM"), (name, value)));

        Assert.Contains(expected, await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_body"));
    }

    [Fact]
    public async Task Upload_AsMultipartOrRawPdf_ReplacesTheCv_AndIsAnUpdate()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "Sophie" }), HttpStatusCode.Created)).GetProperty("data"));
        var second = Pdf.Concat("% second version\n"u8.ToArray()).ToArray();

        var multipart = (await ReadJsonAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", Form(Pdf)), HttpStatusCode.OK)).GetProperty("data");
        var raw = new ByteArrayContent(second);
        raw.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var replaced = (await ReadJsonAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", raw), HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(["id", "cv_url"], multipart.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{org}/dossiers/{dossier}/cv.pdf", replaced.GetProperty("cv_url").GetString());
        Assert.Equal(second, await (await client.GetAsync($"/api/v1/dossiers/{dossier}/cv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(["dossier.created", "dossier.updated", "dossier.updated"], await OutboxTypesAsync(org));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(StoredPath(org, dossier))!));
    }

    [Fact]
    public async Task Upload_NotAPdf_Is400_TooLarge_Is413_OtherTypes_Are415()
    {
        var (org, client) = await OrganizationWithClientAsync();
        var dossier = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "Sophie" }), HttpStatusCode.Created)).GetProperty("data"));
        var tooLarge = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(tooLarge);
        var large = new ByteArrayContent(tooLarge);
        large.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");

        Assert.Contains("'cv'", await AssertErrorAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", Form("hello"u8.ToArray())), HttpStatusCode.BadRequest, "invalid_body"));
        Assert.Contains("'cv'", await AssertErrorAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", Form(null, ("other", "x"))), HttpStatusCode.BadRequest, "invalid_body"));
        await AssertErrorAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", large), HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await AssertErrorAsync(await client.PostAsync($"/api/v1/dossiers/{dossier}/cv", new StringContent("x")), HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(["dossier.created"], await OutboxTypesAsync(org));
    }

    [Fact]
    public async Task Download_WithoutACv_OrOfAnotherOrganization_IsNotFound()
    {
        var (_, other) = await OrganizationWithClientAsync();
        var theirs = Id((await ReadJsonAsync(await other.PostAsync("/api/v1/dossiers", Form(Pdf, ("type", "candidate"), ("name", "T"))), HttpStatusCode.Created)).GetProperty("data"));
        var (_, client) = await OrganizationWithClientAsync();
        var ours = Id((await ReadJsonAsync(await client.PostAsJsonAsync("/api/v1/dossiers", new { type = "candidate", name = "S" }), HttpStatusCode.Created)).GetProperty("data"));

        await AssertErrorAsync(await client.GetAsync($"/api/v1/dossiers/{ours}/cv"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await client.GetAsync($"/api/v1/dossiers/{theirs}/cv"), HttpStatusCode.NotFound, "not_found");
        await AssertErrorAsync(await client.PostAsync($"/api/v1/dossiers/{theirs}/cv", Form(Pdf)), HttpStatusCode.NotFound, "not_found");
    }

    private sealed class FailingStorage : IFileStorage
    {
        public Task<IStagedFile> StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) =>
            throw new IOException("disk full");

        public Task<Stream?> OpenReadAsync(string key, CancellationToken ct) => Task.FromResult<Stream?>(null);
    }
}
