using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LeadGrid.Domain.Common;

namespace LeadGrid.Application.Common;

/// <summary>
/// The API's JSON conventions (SPEC §1): snake_case, strings trimmed, timestamps ISO 8601 UTC to the second,
/// unknown (or read-only) fields refused, partial-update fields that tell "absent" from "null".
/// </summary>
public static class ApiJson
{
    /// <summary>The conventions in a ready instance, for what is written outside an HTTP response (webhook payloads).</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.PropertyNameCaseInsensitive = false;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new TrimmedStringConverter());
        options.Converters.Add(new TimestampConverter());
        options.Converters.Add(new AmountConverter());
        options.Converters.Add(new UuidConverter());
        options.Converters.Add(new BooleanConverter());
        options.Converters.Add(new WireEnumConverterFactory());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
            .WithAddedModifier(LeaveOutMembersSetByServer)
            .WithAddedModifier(RecordGivenMembers);
    }

    private static void RecordGivenMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !typeof(IPartial).IsAssignableFrom(typeInfo.Type)) return;
        foreach (var property in typeInfo.Properties)
            if (property is { Set: { } set, AttributeProvider: System.Reflection.MemberInfo member })
                property.Set = (target, value) =>
                {
                    set(target, value);
                    ((IPartial)target).Given.Add(member.Name);
                };
    }

    private static void LeaveOutMembersSetByServer(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
            if (typeInfo.Properties[i].AttributeProvider?.IsDefined(typeof(SetByServerAttribute), inherit: true) == true)
                typeInfo.Properties.RemoveAt(i);
    }

    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Writes("string")]
    private sealed class TrimmedStringConverter : JsonConverter<string>
    {
        // The edge check every body string gets: no NUL or other control character (tab and line breaks pass here;
        // one-line fields refuse them too, in the domain) and no unpaired surrogate.
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonFieldException("must be a string.");
            var value = reader.GetString()!;
            return Text.ForbiddenCharacterAt(value, multiline: true) is null
                ? value.Trim()
                : throw new JsonFieldException(Text.ForbiddenCharacterMessage);
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }

    [Writes("string", "date-time")]
    private sealed class TimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Timestamps.TryParse(reader.GetString(), out var value)
                ? value
                : throw new JsonFieldException($"must be {Timestamps.Expected}.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTimestamp(value));
    }

    /// <summary>Amounts as plain JSON numbers without trailing zeros: 62000, 1250.5 (numeric(15,2) reads back as 62000.00).</summary>
    [Writes("number", Minimum = "0", MultipleOf = 0.01)] // an amount: never negative, in cents at most
    private sealed class AmountConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value)
                ? value
                : throw new JsonFieldException("must be a number.");

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("0.############################", CultureInfo.InvariantCulture));
    }

    [Writes("string", "uuid")]
    private sealed class UuidConverter : JsonConverter<Guid>
    {
        public override Guid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Guid.TryParseExact(reader.GetString(), "D", out var value)
                ? value
                : throw new JsonFieldException("must be a UUID such as 01a229fd-ebae-77bc-a1c8-ef60d5511809.");

        public override void Write(Utf8JsonWriter writer, Guid value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    [Writes("boolean")]
    private sealed class BooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonFieldException("must be true or false."),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }

    /// <summary>Every closed set by its names (<see cref="WireNames{TEnum}"/>); an unknown name is refused with the set's one message.</summary>
    private sealed class WireEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(WireEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class WireEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonFieldException("must be a string.");
            var name = reader.GetString();
            return WireNames<TEnum>.TryParse(name, out var value) ? value : throw new JsonFieldException(WireNames<TEnum>.Unknown(name));
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToName());
    }
}

/// <summary>
/// A converter's complaint about one field's value; the reader prefixes the field's name (its path, <c>kind[1]</c> inside a list).
/// </summary>
public sealed class JsonFieldException(string message) : JsonException(message);
