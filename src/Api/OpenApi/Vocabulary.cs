using System.Text.Json.Nodes;
using LeadGrid.Application.Common;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// The contract's closed sets (<see cref="ClosedSetAttribute"/>, enums): a named set is one schema the document refers to
/// wherever a member, list or parameter takes it (one type per set in a generated client).
/// </summary>
internal static class Vocabulary
{
    /// <summary>
    /// A schema takes a set's values. A named set's is the set's component, which the generator refers to, in the
    /// member's own words where it has some, or null beside it; an unnamed one lists them, null among them.
    /// </summary>
    public static OpenApiSchema Constrain(OpenApiSchema schema, ClosedSetAttribute set, bool nullable)
    {
        var listed = set.SchemaName is null && nullable;
        (schema.Type, schema.Enum) = (JsonSchemaType.String | (listed ? JsonSchemaType.Null : 0), [.. set.Names.Select(v => (JsonNode)v!), .. listed ? new JsonNode[] { null! } : []]);
        if (set.SchemaName is not { } name) return schema;
        var metadata = schema.Metadata ??= new Dictionary<string, object>();
        if (schema.Description is { } own && own != set.Description) metadata["x-ref-description"] = own;
        (metadata["x-schema-id"], metadata["x-is-nullable-property"], schema.Description) = (name, nullable, set.Description);
        return schema;
    }

    /// <summary>A parameter's schema, made after the generator resolved references: a named set's reference (its component added).</summary>
    public static IOpenApiSchema Parameter(ClosedSetAttribute set, OpenApiDocument document)
    {
        var schema = Constrain(new OpenApiSchema(), set, false);
        if (set.SchemaName is not { } name) return schema;
        document.AddComponent(name, schema);
        return new OpenApiSchemaReference(name, document);
    }
}
