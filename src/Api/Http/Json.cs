using LeadGrid.Api.Errors;
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
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T)));
        foreach (var answer in ErrorAnswers.Body) builder.Metadata.Add(answer);
    }

    public static async ValueTask<Json<T>> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
            throw HttpInputException.UnsupportedMediaType(
                request.ContentType is null
                    ? "Send the body as JSON with 'Content-Type: application/json'."
                    : $"Content type '{request.ContentType}' is not supported here; send 'application/json'.");

        var body = context.RequestServices.GetRequiredService<BodyLimits>().JsonBody(context);
        return new Json<T>(await ReadAsync(context, options => JsonSerializer.DeserializeAsync<T>(body, options, context.RequestAborted)));
    }

    /// <summary>
    /// Form fields (a multipart body's) bound by the same contract as a JSON body: each becomes a member of a JSON object
    /// (a number or a boolean where the member is one and the text reads as one, else a string), so unknown or
    /// read-only fields, wrong types and unknown names are refused exactly as in JSON, naming the field.
    /// </summary>
    private static Dictionary<string, Type>? _formMembers; // T's members by their JSON names, read once (the options are the app's)

    public static Task<T> FromFormAsync(HttpContext context, IReadOnlyDictionary<string, string> fields) =>
        ReadAsync(context, options =>
        {
            var members = _formMembers ??= options.GetTypeInfo(typeof(T)).Properties.ToDictionary(p => p.Name, p => p.PropertyType, StringComparer.Ordinal);
            var json = new System.Text.Json.Nodes.JsonObject();
            foreach (var (name, text) in fields)
            {
                var type = members.GetValueOrDefault(name) is { } t ? Nullable.GetUnderlyingType(t) ?? t : typeof(string);
                json[name] = (type == typeof(decimal) || type == typeof(int) || type == typeof(long)) && decimal.TryParse(text,
                        System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign,
                        System.Globalization.CultureInfo.InvariantCulture, out var number) ? number
                    : type == typeof(bool) && text is "true" or "false" ? text == "true"
                    : System.Text.Json.Nodes.JsonValue.Create(text);
            }
            return ValueTask.FromResult(json.Deserialize<T>(options));
        });

    private static async Task<T> ReadAsync(HttpContext context, Func<JsonSerializerOptions, ValueTask<T?>> read)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        T? value;
        try
        {
            value = await read(options);
        }
        catch (JsonException ex)
        {
            var (message, param) = Describe(ex);
            throw HttpInputException.InvalidBody(message, param);
        }
        return value ?? throw HttpInputException.InvalidBody("The request body must be a JSON object.");
    }

    public static bool IsJson(string? contentType) =>
        contentType is not null
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static (string Message, string? Param) Describe(JsonException ex)
    {
        var unmapped = UnmappedProperty().Match(ex.Message);
        if (unmapped.Success)
        {
            // The path points at the unknown member itself ($.nickname) or, inside a nested object, at its parent.
            var member = unmapped.Groups[1].Value;
            var path = FieldOf(ex.Path);
            var name = path is null ? member
                : path == member || path.EndsWith("." + member, StringComparison.Ordinal) ? path
                : $"{path}.{member}";
            return ($"Unknown or read-only field '{name}'.", name);
        }
        if (ex.InnerException?.GetType().Name == "JsonReaderException" || ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("invalid start of a value", StringComparison.OrdinalIgnoreCase))
            return (ex.LineNumber is { } line
                ? $"The request body is not valid JSON (line {line + 1}, position {ex.BytePositionInLine + 1})."
                : "The request body is not valid JSON.", null);
        var field = FieldOf(ex.Path);
        if (field is null)
            return ("The request body must be a JSON object.", null);
        return (ex is JsonFieldException
            ? $"'{field}' {ex.Message}"
            : $"'{field}' has the wrong type or an invalid value.", field);
    }

    /// <summary>The field a JSON path points at, as the API names it: <c>$.kind[1]</c> → <c>kind[1]</c>, <c>$['a b']</c> → <c>a b</c>.</summary>
    internal static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$") return null;
        var name = new System.Text.StringBuilder(path.Length);
        var i = 1; // after '$'
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                if (name.Length > 0) name.Append('.');
                name.Append(path, i + 1, (end < 0 ? path.Length : end) - i - 1);
                i = end < 0 ? path.Length : end;
            }
            else if (string.CompareOrdinal(path, i, "['", 0, 2) == 0)
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) break;
                if (name.Length > 0) name.Append('.');
                name.Append(path, i + 2, end - i - 2);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) break;
                name.Append(path, i, end - i + 1);
                i = end + 1;
            }
            else break;
        }
        return name.Length == 0 ? null : name.ToString();
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
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new JsonBodyMetadata(typeof(T), IsOptional: true));
        foreach (var answer in ErrorAnswers.Body) builder.Metadata.Add(answer);
    }

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
