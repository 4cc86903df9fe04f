using System.Text.Json;
using Dapper;
using LeadGrid.Application.Common;

namespace LeadGrid.Application.Webhooks;

/// <summary>Webhook event types (SPEC §9).</summary>
public static class EventTypes
{
    public const string DossierCreated = "dossier.created";
    public const string DossierUpdated = "dossier.updated";
    public const string DossierStageChanged = "dossier.stage_changed";
    public const string DossierDeleted = "dossier.deleted";
    public const string NoteCreated = "note.created";

    public static readonly IReadOnlyList<string> All = [DossierCreated, DossierUpdated, DossierStageChanged, DossierDeleted, NoteCreated];
}

/// <summary>
/// Writes an event into the outbox in the session's transaction, so it exists exactly when the change does. The body
/// is what receivers get: <c>{"id": "evt_…", "type", "created_at", "data": {...}, "previous"?: {...}}</c>, in the API's
/// own JSON conventions.
/// </summary>
internal static class Outbox
{
    public static async Task AddAsync(IDbSession session, Guid organizationId, string type, object data,
        IReadOnlyDictionary<string, object?>? previous, DateTimeOffset at, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(at);
        var eventId = "evt_" + id.ToString("N");
        var body = previous is null
            ? JsonSerializer.Serialize(new EventBody(eventId, type, at, data), ApiJson.Options)
            : JsonSerializer.Serialize(new EventBodyWithPrevious(eventId, type, at, data, previous), ApiJson.Options);
        const string sql = """
            INSERT INTO outbox (id, event_id, org_id, type, payload, created_at)
            VALUES (@id, @eventId, @organizationId, @type, @body::jsonb, @at)
            """;
        await session.Connection.ExecuteAsync(new CommandDefinition(sql, new { id, eventId, organizationId, type, body, at },
            session.Transaction, cancellationToken: ct));
    }

    private sealed record EventBody(string Id, string Type, DateTimeOffset CreatedAt, object Data);

    private sealed record EventBodyWithPrevious(string Id, string Type, DateTimeOffset CreatedAt, object Data,
        IReadOnlyDictionary<string, object?> Previous);
}
