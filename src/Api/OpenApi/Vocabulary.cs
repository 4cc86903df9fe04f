using System.Text.Json.Nodes;
using LeadGrid.Application.Common;
using Microsoft.OpenApi;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// The contract's closed sets (<see cref="ClosedSetAttribute"/>): a schema takes a set's values and is marked with it,
/// and the document refers to a named set's own schema (one type per set in a generated client) wherever it is marked.
/// </summary>
internal static class Vocabulary
{
    private const string Key = "x-closed-set";

    public static OpenApiSchema Constrain(OpenApiSchema schema, ClosedSetAttribute set)
    {
        schema.Enum = [.. set.Names.Select(v => (JsonNode)v!)];
        if (set.SchemaName is not null) (schema.Metadata ??= new Dictionary<string, object>())[Key] = set;
        return schema;
    }

    /// <summary>A reference to the named set a schema is marked with (the set's schema added to the document), or null.</summary>
    public static OpenApiSchemaReference? ReferenceOf(OpenApiSchema schema, OpenApiDocument document, string? description)
    {
        if (schema.Metadata is null || !schema.Metadata.TryGetValue(Key, out var marked) || marked is not ClosedSetAttribute { SchemaName: { } name } set) return null;
        document.Components!.Schemas![name] = Constrain(new OpenApiSchema { Type = JsonSchemaType.String, Description = set.Description }, set);
        return new OpenApiSchemaReference(name, document) { Description = description == set.Description ? null : description }; // a member's own words
    }

    /// <summary>Partial-update members that may be left out but not cleared (the domain refuses null for them).</summary>
    public static bool NeverNull(string schema, string member) => (schema, member) switch
    {
        ("UpdateDossier", "name" or "status" or "current_stage_id") or ("UpdateContact", "full_name") => true,
        ("UpdateOrganization", "name" or "plan") or ("UpdateWebhookEndpoint", "url" or "events" or "enabled") => true,
        _ => false,
    };

    /// <summary>Listings that page by cursor as well as by page number (SPEC §4).</summary>
    public static readonly IReadOnlySet<string> CursorListings = new HashSet<string>
        { "ListDossiers", "ListContacts", "ListNotes", "ListOrganizations", "ListApiKeys", "ListWebhookEndpoints", "ListWebhookDeliveries" };
}
