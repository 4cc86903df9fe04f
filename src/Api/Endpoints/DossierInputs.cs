using System.Reflection;
using LeadGrid.Api.Errors;
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
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new BodyMetadata(typeof(CreateDossier), ["application/json", "multipart/form-data"], File: "cv"));
        foreach (var answer in ErrorAnswers.Body) builder.Metadata.Add(answer);
    }

    public static async ValueTask<CreateDossierInput> BindAsync(HttpContext context)
    {
        if (Json<CreateDossier>.IsJson(context.Request.ContentType))
            return new CreateDossierInput((await Json<CreateDossier>.BindAsync(context)).Value);
        if (!MultipartBody.IsMultipart(context.Request.ContentType))
            throw HttpInputException.UnsupportedMediaType("Send the dossier as 'application/json', or as 'multipart/form-data' with a 'cv' file.");

        // The form's fields are the JSON body's, bound by the same contract (no list of fields to keep in step).
        var form = await MultipartBody.ReadAsync(context.Request, CvFile, context.RequestAborted);
        var command = await Json<CreateDossier>.FromFormAsync(context, form.Fields);
        return new CreateDossierInput(form.Files.TryGetValue("cv", out var cv) ? command with { Cv = CvDocument.From(cv) } : command);
    }

    /// <summary>The one file a dossier takes: its CV, read up to one byte past the limit (so an oversized one is a 413).</summary>
    internal static readonly IReadOnlyDictionary<string, long> CvFile = new Dictionary<string, long> { ["cv"] = CvDocument.MaxBytes };
}

/// <summary>The body of POST /dossiers/:id/cv: multipart with a <c>cv</c> file, or the PDF bytes as <c>application/pdf</c>.</summary>
internal sealed record CvInput(CvDocument Cv) : IEndpointParameterMetadataProvider
{
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new BodyMetadata(typeof(PdfFile), ["application/pdf", "multipart/form-data"], File: "cv",
            Description: "The PDF as the body (application/pdf), or as the 'cv' file of a multipart form."));
        foreach (var answer in ErrorAnswers.Body) builder.Metadata.Add(answer);
    }

    public static async ValueTask<CvInput> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase))
            return new CvInput(CvDocument.From(await MultipartBody.ReadUpToAsync(request.Body, CvDocument.MaxBytes + 1, context.RequestAborted)));
        if (!MultipartBody.IsMultipart(request.ContentType))
            throw HttpInputException.UnsupportedMediaType("Send the CV as 'multipart/form-data' with a 'cv' file, or as 'application/pdf'.");

        var form = await MultipartBody.ReadAsync(request, CreateDossierInput.CvFile, context.RequestAborted);
        foreach (var key in form.Fields.Keys)
            throw HttpInputException.InvalidBody($"Unknown field '{key}'; this call takes only the 'cv' file.", key);
        return form.Files.TryGetValue("cv", out var cv)
            ? new CvInput(CvDocument.From(cv))
            : throw HttpInputException.Invalid("cv", "is required: send the PDF in a 'cv' file field.");
    }
}

/// <summary>
/// Endpoint metadata for bodies bound by hand: their type and media types (for the OpenAPI document), and the PDF a
/// multipart form carries beside the type's fields (<paramref name="File"/>).
/// </summary>
internal sealed record BodyMetadata(Type RequestType, IReadOnlyList<string> ContentTypes, string? File = null, string? Description = null) : IAcceptsMetadata
{
    public bool IsOptional => false;
}
