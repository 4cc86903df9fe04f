using LeadGrid.Application.Common;

namespace LeadGrid.Api.Http;

/// <summary>Typed query parameters whose bad values are a 400 invalid_body naming the parameter (SPEC §1).</summary>
public static class QueryValues
{
    public static Guid? Uuid(string? raw, string name) =>
        raw is null ? null
        : Guid.TryParse(raw, out var id) ? id
        : throw HttpInputException.Invalid(name, "must be a UUID.");

    public static DateTimeOffset? Timestamp(string? raw, string name) =>
        raw is null ? null
        : Timestamps.TryParse(raw, out var at) ? at
        : throw HttpInputException.Invalid(name, $"must be {Timestamps.Expected}.");

    public static bool? Boolean(string? raw, string name) => raw switch
    {
        null => null,
        "true" => true,
        "false" => false,
        _ => throw HttpInputException.Invalid(name, "must be true or false."),
    };
}

/// <summary>For the OpenAPI document: what a query parameter bound as text is read as (a UUID, a timestamp, a boolean).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryValueAttribute(Type type) : Attribute
{
    public Type Type => type;
}
