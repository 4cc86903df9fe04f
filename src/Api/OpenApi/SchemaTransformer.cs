using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LeadGrid.Api.Docs;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// What the generator cannot see in a type, a member or a query parameter: what ApiJson's converters write
/// (<see cref="WritesAttribute"/>; a parameter bound as text: what it is read as, <see cref="QueryValueAttribute"/>), the
/// closed sets (enums, <see cref="ClosedSetAttribute"/>; a named one is one component wherever it is taken, one type in a
/// generated client), a member's <c>[Description]</c> it misses, that a representation carries every member (SPEC §1), which body
/// members must be sent (the validator's unconditional NotNull/NotEmpty) or may be left out (<see cref="IPartial"/>), and
/// each type's example (<see cref="ContractExamples"/>).
/// </summary>
internal sealed class SchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        // A member's null was decided with its type's other members (below; the generator visits the type first).
        var nullable = context.JsonPropertyInfo is null ? inner != type : schema.Type?.HasFlag(JsonSchemaType.Null) == true;
        var list = context.JsonTypeInfo.Kind == JsonTypeInfoKind.Enumerable;
        if (list)
            schema.Items ??= new OpenApiSchema(); // a list of what a converter writes has none: filled in when the generator visits them
        var element = list ? context.JsonTypeInfo.ElementType! : inner;
        var declared = context.JsonPropertyInfo?.AttributeProvider // the member's or the parameter's attributes
            ?? (context.ParameterDescription?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
        if ((declared?.GetCustomAttributes(typeof(ClosedSetAttribute), true).FirstOrDefault() ?? (element.IsEnum ? new ClosedSetAttribute(element) : null)) is ClosedSetAttribute set)
        {
            Constrain(list ? (OpenApiSchema)schema.Items! : schema, set, nullable && !list);
            return Task.CompletedTask;
        }
        var written = declared?.GetCustomAttributes(typeof(QueryValueAttribute), true).FirstOrDefault() is QueryValueAttribute read ? read.Type : inner;
        if ((written.GetCustomAttribute<WritesAttribute>() ?? context.JsonTypeInfo.Options.GetConverter(written).GetType().GetCustomAttribute<WritesAttribute>()) is { } wire)
        {
            (schema.Type, schema.Format, schema.ContentMediaType) = (Enum.Parse<JsonSchemaType>(wire.Type, true) | (nullable ? JsonSchemaType.Null : 0), wire.Format, wire.MediaType);
            (schema.Minimum, schema.MultipleOf, schema.AdditionalPropertiesAllowed) = (wire.Minimum, wire.MultipleOf is 0 ? null : (decimal)wire.MultipleOf, true);
            return Task.CompletedTask;
        }
        if (schema.Properties is not { Count: > 0 } members)
            return Task.CompletedTask;

        var isRequest = typeof(MediatR.IBaseRequest).IsAssignableFrom(type);
        var isPartial = typeof(IPartial).IsAssignableFrom(type);
        var mustSend = isRequest && !isPartial ? MustSend(type, context.ApplicationServices) : [];
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (!members.TryGetValue(property.Name, out var found) || found is not OpenApiSchema member) continue;
            var attributes = property.AttributeProvider?.GetCustomAttributes(true) ?? [];
            var leftOutIfNull = attributes.OfType<JsonIgnoreAttribute>().Any(a => a.Condition == JsonIgnoreCondition.WhenWritingNull);
            member.Description ??= attributes.OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
            if (mustSend.Contains(property.Name) || (!isRequest && !attributes.OfType<JsonIgnoreAttribute>().Any()))
                (schema.Required ??= new HashSet<string>()).Add(property.Name); // a representation carries every member, unset ones as null (SPEC §1)
            if (isPartial)
            {
                schema.Required?.Remove(property.Name); // a partial update's member may be left out
                member.Description = $"Leave the field out to keep the current value{(property.IsSetNullable ? "" : "; it cannot be null")}."; // [DisallowNull]
            }
            // Null is a value where the type allows it (a body's member: to be set; a [DisallowNull] one cannot be cleared), but not for
            // a required body member (null is "missing", SPEC §1) or a member left out rather than null. An object's is the generator's.
            var canBeNull = (isRequest ? property.IsSetNullable : property.IsGetNullable) && !leftOutIfNull && !(isRequest && schema.Required?.Contains(property.Name) == true);
            member.Type = !canBeNull ? member.Type & ~JsonSchemaType.Null
                : member.Type?.HasFlag(JsonSchemaType.Object) == true ? member.Type : (member.Type ?? 0) | JsonSchemaType.Null;
        }
        if (ContractExamples.For(type) is { } example)
            schema.Examples = [example];
        return Task.CompletedTask;
    }

    /// <summary>
    /// A schema takes a set's values. A named set's is the set's component, which the generator refers to, in the
    /// member's own words where it has some, or null beside it; an unnamed one lists them, null among them.
    /// </summary>
    private static OpenApiSchema Constrain(OpenApiSchema schema, ClosedSetAttribute set, bool nullable)
    {
        var listed = set.SchemaName is null && nullable;
        (schema.Type, schema.Enum) = (JsonSchemaType.String | (listed ? JsonSchemaType.Null : 0), [.. set.Names.Select(v => (JsonNode)v!), .. listed ? new JsonNode[] { null! } : []]);
        if (set.SchemaName is not { } name) return schema;
        var metadata = schema.Metadata ??= new Dictionary<string, object>();
        if (schema.Description is { } own && own != set.Description) metadata["x-ref-description"] = own;
        (metadata["x-schema-id"], metadata["x-is-nullable-property"], schema.Description) = (name, nullable, set.Description);
        return schema;
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
