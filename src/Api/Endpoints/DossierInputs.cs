using System.Globalization;
using System.Reflection;
using LeadGrid.Api.Http;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.Dossiers;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace LeadGrid.Api.Endpoints;

/// <summary>
/// The body of POST /dossiers: JSON, or multipart/form-data with the same fields as form fields plus an optional
/// <c>cv</c> file, so the dossier and its CV are created in one atomic call (SPEC §4).
/// </summary>
internal sealed record CreateDossierInput(CreateDossier Command) : IEndpointParameterMetadataProvider
{
    private static readonly string[] FormFields =
        ["type", "name", "email", "phone", "company", "role", "contact_id", "flow_id", "assigned_to", "intake_notes",
         "contact_person", "deal_size", "deal_currency"];

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new BodyMetadata(typeof(CreateDossier), ["application/json", "multipart/form-data"]));

    public static async ValueTask<CreateDossierInput> BindAsync(HttpContext context)
    {
        if (Json<CreateDossier>.IsJson(context.Request.ContentType))
            return new CreateDossierInput((await Json<CreateDossier>.BindAsync(context)).Value);
        if (!context.Request.HasFormContentType || !IsMultipart(context.Request.ContentType))
            throw HttpInputException.UnsupportedMediaType("Send the dossier as 'application/json', or as 'multipart/form-data' with a 'cv' file.");

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        foreach (var key in form.Keys.Where(k => !FormFields.Contains(k)))
            throw HttpInputException.InvalidBody($"Unknown or read-only field '{key}'.");
        foreach (var file in form.Files.Where(f => f.Name != "cv"))
            throw HttpInputException.InvalidBody($"Unknown file field '{file.Name}'; the CV goes in 'cv'.");
        if (form.Files.GetFiles("cv").Count > 1)
            throw HttpInputException.InvalidBody("Send one file in 'cv'.");

        string? Text(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var command = new CreateDossier(Text("type"), Text("name"), Text("email"), Text("phone"), Text("company"), Text("role"),
            QueryValues.Uuid(Text("contact_id"), "contact_id"), QueryValues.Uuid(Text("flow_id"), "flow_id"),
            QueryValues.Uuid(Text("assigned_to"), "assigned_to"), Text("intake_notes"), Text("contact_person"),
            Amount(Text("deal_size")), Text("deal_currency"));
        var cv = form.Files.GetFile("cv");
        return new CreateDossierInput(cv is null ? command : command with { Cv = CvDocument.From(await ReadAsync(cv.OpenReadStream(), context.RequestAborted)) });
    }

    private static decimal? Amount(string? raw) =>
        raw is null ? null
        : decimal.TryParse(raw, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value
        : throw HttpInputException.InvalidBody("'deal_size' must be a number.");

    internal static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most one byte past the CV limit, so an oversized file is refused without buffering all of it.</summary>
    internal static async Task<byte[]> ReadAsync(Stream source, CancellationToken ct)
    {
        await using (source)
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > CvDocument.MaxBytes) break;
            }
            return buffer.ToArray();
        }
    }
}

/// <summary>The body of POST /dossiers/:id/cv: multipart with a <c>cv</c> file, or the PDF bytes as <c>application/pdf</c>.</summary>
internal sealed record CvInput(CvDocument Cv) : IEndpointParameterMetadataProvider
{
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new BodyMetadata(typeof(byte[]), ["multipart/form-data", "application/pdf"]));

    public static async ValueTask<CvInput> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
            return new CvInput(CvDocument.From(await CreateDossierInput.ReadAsync(request.Body, context.RequestAborted)));
        if (!CreateDossierInput.IsMultipart(request.ContentType))
            throw HttpInputException.UnsupportedMediaType("Send the CV as 'multipart/form-data' with a 'cv' file, or as 'application/pdf'.");

        var form = await request.ReadFormAsync(context.RequestAborted);
        var files = form.Files.GetFiles("cv");
        if (files.Count != 1)
            throw HttpInputException.InvalidBody(files.Count == 0 ? "'cv' is required: send the PDF in a 'cv' file field." : "Send one file in 'cv'.");
        return new CvInput(CvDocument.From(await CreateDossierInput.ReadAsync(files[0].OpenReadStream(), context.RequestAborted)));
    }
}

/// <summary>Endpoint metadata for bodies bound by hand: their type and media types (for the OpenAPI document).</summary>
internal sealed record BodyMetadata(Type RequestType, IReadOnlyList<string> ContentTypes) : IAcceptsMetadata
{
    public bool IsOptional => false;
}
