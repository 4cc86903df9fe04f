using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LeadGrid.Api.Http;

/// <summary>
/// A <c>multipart/form-data</c> body read with explicit limits, so no malformed or oversized body costs more than a
/// field's worth of memory or ends in a 500: a boundary of at most 70 characters (RFC 2046), at most
/// <see cref="MaxParts"/> parts, each with at most 8 headers of 8 KB in all, text fields of at most
/// <see cref="MaxFieldBytes"/> bytes, each field once, files only where the endpoint takes them (read up to their
/// limit plus one byte, so the caller can refuse an oversized one with 413). Anything else is 400 invalid_body.
/// </summary>
internal sealed record MultipartBody(IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, byte[]> Files)
{
    public const int MaxParts = 32;
    public const int MaxBoundaryLength = 70;
    public const int MaxFieldBytes = 128 * 1024; // the longest field is 20,000 characters: up to 80 KB of UTF-8

    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <param name="files">The file fields this endpoint takes, with the most bytes each may have.</param>
    public static async Task<MultipartBody> ReadAsync(HttpRequest request, IReadOnlyDictionary<string, long> files, CancellationToken ct)
    {
        var boundary = Boundary(request.ContentType);
        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 8, HeadersLengthLimit = 8 * 1024 };
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            var parts = 0;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++parts > MaxParts)
                    throw HttpInputException.InvalidBody($"The multipart body has more than {MaxParts} parts.");
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                    throw HttpInputException.InvalidBody($"Part {parts} of the multipart body has no 'Content-Disposition: form-data; name=…'.");
                if (fields.ContainsKey(name) || contents.ContainsKey(name))
                    throw HttpInputException.Invalid(name, "is sent more than once.");

                if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
                {
                    if (!files.TryGetValue(name, out var limit))
                        throw HttpInputException.InvalidBody(files.Count == 0
                            ? $"Unknown file field '{name}'; this call takes no file."
                            : $"Unknown file field '{name}'; send the file in {string.Join(" or ", files.Keys.Select(k => $"'{k}'"))}.");
                    contents[name] = await ReadUpToAsync(section.Body, limit + 1, ct);
                }
                else
                {
                    var bytes = await ReadUpToAsync(section.Body, MaxFieldBytes + 1, ct);
                    if (bytes.Length > MaxFieldBytes)
                        throw HttpInputException.Invalid(name, "is longer than the longest field takes.");
                    fields[name] = Encoding.UTF8.GetString(bytes);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw HttpInputException.InvalidBody($"The multipart body is malformed: {ex.Message}");
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !ct.IsCancellationRequested)
        {
            throw HttpInputException.InvalidBody("The multipart body ends before its closing boundary.");
        }
        return new MultipartBody(fields, contents);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes of <paramref name="source"/>.</summary>
    public static async Task<byte[]> ReadUpToAsync(Stream source, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static string Boundary(string? contentType)
    {
        var boundary = MediaTypeHeaderValue.TryParse(contentType, out var media) ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        if (string.IsNullOrWhiteSpace(boundary))
            throw HttpInputException.InvalidBody("The multipart Content-Type has no boundary.");
        if (boundary.Length > MaxBoundaryLength)
            throw HttpInputException.InvalidBody($"The multipart boundary is longer than {MaxBoundaryLength} characters.");
        return boundary;
    }
}
