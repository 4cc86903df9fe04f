using LeadGrid.Application.Common;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace LeadGrid.Api.Http;

/// <summary>
/// A JSON request body bound with the API's rules: <c>application/json</c> or 415; malformed JSON, a wrong type,
/// an unknown or read-only field → 400 invalid_body naming the field. Endpoints take <c>Json&lt;TCommand&gt;</c>.
/// </summary>
public sealed partial record Json<T>(T Value) : IEndpointParameterMetadataProvider
{
    /// <summary>Tells the OpenAPI document that the endpoint takes a <typeparamref name="T"/> as JSON.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T)));

    public static async ValueTask<Json<T>> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
            throw HttpInputException.UnsupportedMediaType(
                request.ContentType is null
                    ? "Send the body as JSON with 'Content-Type: application/json'."
                    : $"Content type '{request.ContentType}' is not supported here; send 'application/json'.");

        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        T? value;
        try
        {
            var body = context.RequestServices.GetRequiredService<BodyLimits>().JsonBody(context);
            value = await JsonSerializer.DeserializeAsync<T>(body, options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            throw HttpInputException.InvalidBody(Describe(ex));
        }
        return value is null
            ? throw HttpInputException.InvalidBody("The request body must be a JSON object.")
            : new Json<T>(value);
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static string Describe(JsonException ex)
    {
        var unmapped = UnmappedProperty().Match(ex.Message);
        if (unmapped.Success)
            return $"Unknown or read-only field '{unmapped.Groups[1].Value}'.";
        if (ex.InnerException?.GetType().Name == "JsonReaderException" || ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("invalid start of a value", StringComparison.OrdinalIgnoreCase))
            return ex.LineNumber is { } line
                ? $"The request body is not valid JSON (line {line + 1}, position {ex.BytePositionInLine + 1})."
                : "The request body is not valid JSON.";
        var field = FieldOf(ex.Path);
        if (field is null)
            return "The request body must be a JSON object.";
        return ex is JsonFieldException
            ? $"'{field}' {ex.Message}"
            : $"'{field}' has the wrong type or an invalid value.";
    }

    /// <summary>The top-level field a JSON path points into: <c>$.scopes[2]</c> → <c>scopes</c>.</summary>
    private static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        if (path.StartsWith("$['", StringComparison.Ordinal))
            return path[3..path.IndexOf("']", 3, StringComparison.Ordinal)];
        var rest = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var end = rest.IndexOfAny(['.', '[']);
        return end < 0 ? rest : rest[..end];
    }

    [GeneratedRegex("The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnmappedProperty();
}

/// <summary>
/// A JSON body that may be left out entirely: no body at all reads as <c>{}</c> (every field at its default); a body
/// that is sent follows <see cref="Json{T}"/>'s rules.
/// </summary>
public sealed record OptionalJson<T>(T Value) : IEndpointParameterMetadataProvider
{
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T), IsOptional: true));

    public static async ValueTask<OptionalJson<T>> BindAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (hasBody)
            return new OptionalJson<T>((await Json<T>.BindAsync(context)).Value);
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return new OptionalJson<T>(JsonSerializer.Deserialize<T>("{}", options)!);
    }
}

/// <summary>Endpoint metadata: the JSON body type (for the OpenAPI document).</summary>
public sealed record JsonBodyMetadata(Type RequestType, bool IsOptional = false) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];
}
