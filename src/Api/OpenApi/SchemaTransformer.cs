using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LeadGrid.Api.Docs;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// What the generator cannot see in a type: what ApiJson's converters write (<see cref="WritesAttribute"/>; the closed
/// sets by name, and <see cref="ClosedSetAttribute"/> members), a member's <c>[Description]</c> it misses, that a representation
/// carries every member (SPEC §1), which body members must be sent (the validator's unconditional NotNull/NotEmpty) or
/// may be left out (<see cref="IPartial"/>), and each type's example (<see cref="ContractExamples"/>).
/// </summary>
internal sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if ((inner.GetCustomAttribute<WritesAttribute>() ?? context.JsonTypeInfo.Options.GetConverter(inner).GetType().GetCustomAttribute<WritesAttribute>()) is { } wire)
        {
            var nullable = inner != type || (type == typeof(string) && schema.Type?.HasFlag(JsonSchemaType.Null) == true);
            (schema.Type, schema.Format, schema.ContentMediaType) = (Enum.Parse<JsonSchemaType>(wire.Type, true) | (nullable ? JsonSchemaType.Null : 0), wire.Format, wire.MediaType);
            (schema.Minimum, schema.MultipleOf, schema.AdditionalPropertiesAllowed) = (wire.Minimum, wire.MultipleOf is 0 ? null : (decimal)wire.MultipleOf, true);
            return Task.CompletedTask;
        }
        if (type.IsEnum)
            Vocabulary.Constrain(schema, new ClosedSetAttribute(type)).Type = JsonSchemaType.String;
        if (schema.Items is null && typeof(IEnumerable<string?>).IsAssignableFrom(type))
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        if (schema.Properties is not { Count: > 0 } members)
            return Task.CompletedTask;

        var isRequest = typeof(MediatR.IBaseRequest).IsAssignableFrom(type);
        var isPartial = typeof(IPartial).IsAssignableFrom(type);
        var mustSend = isRequest && !isPartial ? MustSend(type, context.ApplicationServices) : [];
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!members.TryGetValue(property.Name, out var found) || found is not OpenApiSchema member) continue;
            var attributes = property.AttributeProvider?.GetCustomAttributes(true) ?? [];
            member.Description ??= attributes.OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
            if (property.PropertyType == typeof(string) && (property.IsSetNullable || property.IsGetNullable))
                member.Type = (member.Type ?? JsonSchemaType.String) | JsonSchemaType.Null;
            var set = attributes.OfType<ClosedSetAttribute>().FirstOrDefault() ?? (member.OneOf is null && EnumOf(property.PropertyType) is { } e ? new(e) : null);
            if (set is not null && property.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType))
                member.Items = Vocabulary.Constrain(new OpenApiSchema { Type = JsonSchemaType.String }, set);
            else if (set is not null)
            {
                member.Type ??= JsonSchemaType.String | (Nullable.GetUnderlyingType(property.PropertyType) is null ? 0 : JsonSchemaType.Null);
                Vocabulary.Constrain(member, set);
            }
            if (attributes.OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull))
                member.Type &= ~JsonSchemaType.Null; // left out rather than null
            if (mustSend.Contains(property.Name))
                (schema.Required ??= new HashSet<string>()).Add(property.Name);
            if (isRequest && schema.Required?.Contains(property.Name) == true)
                member.Type &= ~JsonSchemaType.Null; // a required body member cannot be null: null is "missing" (SPEC §1)
            else if (!isRequest && !attributes.OfType<JsonIgnoreAttribute>().Any())
                (schema.Required ??= new HashSet<string>()).Add(property.Name); // every member, unset ones as null (SPEC §1)
            if (member.Enum is { } allowed && member.Type?.HasFlag(JsonSchemaType.Null) == true)
                member.Enum = [.. allowed, null!]; // a nullable member's null is one of its values too
            if (!isPartial) continue;
            schema.Required?.Remove(property.Name); // a partial update's member may be left out
            member.Description = "Leave the field out to keep the current value.";
        }
        if (ContractExamples.For(type) is { } example)
            schema.Examples = [example];
        return Task.CompletedTask;
    }


    /// <summary>The closed set (an enum) a member takes, alone, nullable or as a list.</summary>
    private static Type? EnumOf(Type type)
    {
        var element = type.IsArray ? type.GetElementType()! : type.IsGenericType && !type.IsValueType ? type.GetGenericArguments()[0] : type;
        return (Nullable.GetUnderlyingType(element) ?? element) is { IsEnum: true } set ? set : null;
    }

    /// <summary>The members (JSON names, as the validators name them) a body's validator requires without a condition.</summary>
    private static HashSet<string> MustSend(Type type, IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetService(typeof(FluentValidation.IValidator<>).MakeGenericType(type)) is FluentValidation.IValidator validator
            ? validator.CreateDescriptor().Rules.Where(rule => rule.PropertyName is not null && rule.Components.Any(c => !c.HasCondition
                  && !c.HasAsyncCondition && c.Validator is FluentValidation.Validators.INotNullValidator or FluentValidation.Validators.INotEmptyValidator))
              .Select(rule => rule.PropertyName!).ToHashSet(StringComparer.Ordinal)
            : [];
    }
}
