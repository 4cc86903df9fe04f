using System.Text.Json.Nodes;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// Describes what the API's own JSON converters write (<see cref="Application.Common.ApiJson"/>), which the schema
/// generator cannot see, and what the contract says that the CLR types cannot: strings (trimmed on input), timestamps,
/// amounts as JSON numbers, partial-update fields (an <see cref="IPartial"/> body's members may
/// be left out), the closed sets (<see cref="ContractVocabulary"/>), that a representation always carries every member
/// (SPEC §1: unset ones are null, never omitted), that a required body member cannot be null, and an example of each
/// (<see cref="ContractExamples"/>; an envelope's is that of what it wraps).
/// </summary>
internal sealed class ApiJsonSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(string))
        {
            schema.Type = (schema.Type ?? 0) | JsonSchemaType.String;
            return;
        }
        if (type == typeof(bool) || type == typeof(bool?))
        {
            schema.Type = type == typeof(bool) ? JsonSchemaType.Boolean : JsonSchemaType.Boolean | JsonSchemaType.Null;
            return;
        }
        if (type == typeof(Guid) || type == typeof(Guid?))
        {
            schema.Type = type == typeof(Guid) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "uuid";
            return;
        }
        if (type == typeof(decimal) || type == typeof(decimal?))
        {
            schema.Type = type == typeof(decimal) ? JsonSchemaType.Number : JsonSchemaType.Number | JsonSchemaType.Null;
            schema.Format = null;
            return;
        }
        if (schema.Items is null && typeof(IEnumerable<string?>).IsAssignableFrom(type) && type != typeof(string))
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            return;
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
        {
            schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
            return;
        }
        if (schema.Properties is not { Count: > 0 } members)
            return;

        var name = SchemaName(type);
        var isRequest = IsRequest(type);
        var isPartial = typeof(IPartial).IsAssignableFrom(type);
        var mustSend = isRequest && !isPartial ? MustSend(type, context.ApplicationServices) : [];
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!members.TryGetValue(property.Name, out var found) || found is not OpenApiSchema member)
                continue;
            if (mustSend.Contains(property.Name))
                (schema.Required ??= new HashSet<string>()).Add(property.Name);
            if (property.PropertyType == typeof(string) && (property.IsSetNullable || property.IsGetNullable))
                member.Type = (member.Type ?? JsonSchemaType.String) | JsonSchemaType.Null; // hidden by the trimming converter
            else if (Nullable.GetUnderlyingType(property.PropertyType) is { IsEnum: true })
                member.Type = JsonSchemaType.String | JsonSchemaType.Null; // a closed set's names, or null (ApiJson's converter)

            if (isRequest)
            {
                // A required body member cannot be null: null is "missing" (SPEC §1).
                if (schema.Required?.Contains(property.Name) == true && member.Type is { } required)
                    member.Type = required & ~JsonSchemaType.Null;
            }
            else if (property.AttributeProvider?.IsDefined(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), inherit: true) != true)
            {
                // A representation carries every member, unset ones as null (SPEC §1).
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(property.Name);
            }

            if (ContractVocabulary.ValuesOf(name, property.Name) is { } values)
                Constrain(member, values, IsList(property.PropertyType));
            if (property.Name == "deal_size")
            {
                member.Minimum = "0";
                member.MultipleOf = 0.01m;
                member.Description = "In the currency's main unit (euros, not cents), at most 2 decimal places. Sales dossiers only.";
            }
            if (isPartial)
            {
                schema.Required?.Remove(property.Name); // a partial update's member may be left out
                member.Description = "Leave the field out to keep the current value.";
            }
        }

        if (ExampleOf(type) is { } example)
            schema.Examples = [example];
    }

    /// <summary>
    /// The members a body must send (by their JSON names, as the validators name them): those its validator requires,
    /// not null or not empty, without a condition.
    /// </summary>
    private static HashSet<string> MustSend(Type type, IServiceProvider services)
    {
        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService(typeof(FluentValidation.IValidator<>).MakeGenericType(type)) is not FluentValidation.IValidator validator)
            return [];
        return validator.CreateDescriptor().Rules
            .Where(rule => rule.PropertyName is not null && rule.Components.Any(c => !c.HasCondition && !c.HasAsyncCondition
                && c.Validator is FluentValidation.Validators.INotNullValidator or FluentValidation.Validators.INotEmptyValidator))
            .Select(rule => rule.PropertyName!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The example of a type: its own, or for an envelope the one of what it wraps, in its envelope.</summary>
    private static JsonNode? ExampleOf(Type type)
    {
        if (IsGeneric(type, typeof(DataEnvelope<>)))
            return ContractExamples.For(SchemaName(type.GetGenericArguments()[0])) is { } data ? new JsonObject { ["data"] = data } : null;
        if (IsGeneric(type, typeof(ListEnvelope<>)))
            return ContractExamples.For(SchemaName(type.GetGenericArguments()[0])) is { } item
                ? new JsonObject { ["data"] = new JsonArray(item), ["meta"] = ContractExamples.For(nameof(ListMeta)) }
                : null;
        return ContractExamples.For(SchemaName(type));
    }

    /// <summary>Sets the values of a member that is one of a closed set, or a list of such.</summary>
    private static void Constrain(OpenApiSchema member, IReadOnlyList<string> values, bool isList)
    {
        var enumeration = values.Select(v => (JsonNode)JsonValue.Create(v)!).ToList();
        if (isList)
        {
            member.Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = enumeration };
            return;
        }
        member.Enum = enumeration;
        if (member.Type?.HasFlag(JsonSchemaType.Null) == true)
            member.Enum.Add(null!); // a nullable member's null must be one of the allowed values too
    }

    private static bool IsList(Type type)
    {
        return type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);
    }

    /// <summary>Bodies are the use cases' commands (MediatR requests); everything else the API writes is a representation.</summary>
    private static bool IsRequest(Type type) => typeof(MediatR.IBaseRequest).IsAssignableFrom(type);

    private static string SchemaName(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;

    private static bool IsGeneric(Type type, Type definition) => type.IsGenericType && type.GetGenericTypeDefinition() == definition;
}
