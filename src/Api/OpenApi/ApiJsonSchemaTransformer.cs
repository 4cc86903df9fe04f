using LeadGrid.Domain.Common;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// Describes what the API's own JSON converters write (<see cref="ApiJson"/>), which the schema generator cannot
/// see: strings (trimmed on input), timestamps, and partial-update fields (<c>Optional&lt;T&gt;</c>), which are on
/// the wire just a nullable <c>T</c> that may be left out.
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
        if (!IsOptional(type))
        {
            foreach (var property in context.JsonTypeInfo.Properties)
            {
                // An object's Optional<T> members may be left out: they are never required.
                if (IsOptional(property.PropertyType))
                    schema.Required?.Remove(property.Name);
                // Nullable strings may be null (the trimming converter hides that from the generator).
                else if (property.PropertyType == typeof(string) && property.IsSetNullable
                         && schema.Properties is { } members && members.TryGetValue(property.Name, out var found) && found is OpenApiSchema member)
                    member.Type = (member.Type ?? JsonSchemaType.String) | JsonSchemaType.Null;
            }
            return;
        }
        var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
        schema.Properties?.Clear();
        schema.Required?.Clear();
        schema.Type = (inner.Type ?? JsonSchemaType.String) | JsonSchemaType.Null;
        schema.Format = inner.Format;
        schema.Items = inner.Items;
        schema.Description = "Optional: leave the field out to keep the current value.";
    }

    private static bool IsOptional(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Optional<>);
}
