using System.Text.Json;
using Npgsql;

namespace LeadGrid.Bench;

/// <summary>
/// The ceilings the API is measured against, served by its own process: <c>/plaintext</c> (what Kestrel does with no
/// work at all) and <c>/orgs/{org}/dossiers/{id}</c>, scenario 1 with one hand-written Npgsql query and no layers (no
/// authentication, no mediator, no mapping library): the same columns the API returns, written with a
/// <see cref="Utf8JsonWriter"/>. Same connection string and pool settings as the API (auto-prepared statements, no
/// reset on close).
/// </summary>
internal static class Baseline
{
    private const string Sql = """
        SELECT d.id, d.type, d.name, d.email::text, d.phone, d.company, d.role, d.contact_person, d.deal_size, d.deal_currency,
               d.status, d.flow_id, d.current_stage_id, d.stage_entered_at, d.stage_deadline_at, d.assigned_to, d.intake_notes,
               d.cv_key, (SELECT dc.contact_id FROM dossier_contacts dc WHERE dc.dossier_id = d.id AND dc.is_primary),
               d.created_at, d.updated_at
        FROM dossiers d WHERE d.org_id = $1 AND d.id = $2
        """;

    private static readonly string[] Names =
    [
        "id", "type", "name", "email", "phone", "company", "role", "contact_person", "deal_size", "deal_currency", "status", "flow_id",
        "current_stage_id", "stage_entered_at", "stage_deadline_at", "assigned_to", "intake_notes", "cv_url", "primary_contact_id",
        "created_at", "updated_at",
    ];

    public static async Task<int> RunAsync(string connection, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        var app = builder.Build();
        await using var dataSource = new NpgsqlDataSourceBuilder(connection + ";Max Auto Prepare=64;No Reset On Close=true").Build();

        app.MapGet("/plaintext", () => Results.Text("Hello, World!"));
        app.MapGet("/orgs/{org:guid}/dossiers/{id:guid}", async (Guid org, Guid id, HttpContext context) =>
        {
            await using var db = await dataSource.OpenConnectionAsync(context.RequestAborted);
            await using var command = new NpgsqlCommand(Sql, db) { Parameters = { new() { Value = org }, new() { Value = id } } };
            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            if (!await reader.ReadAsync(context.RequestAborted))
            {
                context.Response.StatusCode = 404;
                return;
            }
            context.Response.ContentType = "application/json; charset=utf-8";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            json.WriteStartObject();
            json.WriteStartObject("data");
            for (var i = 0; i < Names.Length; i++)
            {
                if (reader.IsDBNull(i))
                {
                    json.WriteNull(Names[i]);
                    continue;
                }
                switch (reader.GetValue(i))
                {
                    case Guid g: json.WriteString(Names[i], g); break;
                    case string s: json.WriteString(Names[i], s); break;
                    case decimal m: json.WriteNumber(Names[i], m); break;
                    case DateTime t: json.WriteString(Names[i], t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")); break;
                    case var other: json.WriteString(Names[i], other.ToString()); break;
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
        });
        await app.RunAsync();
        return 0;
    }
}
