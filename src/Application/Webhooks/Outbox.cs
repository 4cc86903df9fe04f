using System.Text.Json;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>An event as the outbox holds it.</summary>
public sealed record OutboxEvent(Guid Id, string EventId);

/// <summary>
/// Writes events into the outbox in the session's transaction, so an event exists exactly when its change does, and
/// wakes this instance's dispatcher once the transaction commits. The body is stored as the text receivers get
/// (<c>{"id": "evt_…", "type", "created_at", "data", "previous"?}</c>, in this key order, in the API's JSON conventions);
/// the signature covers exactly those bytes.
/// </summary>
internal sealed class OutboxWriter(IDbSession session, IWebhookDispatchSignal dispatcher)
{
    private bool _wakeRegistered;

    /// <summary>An event for the dispatcher to fan out to the organization's subscribed endpoints.</summary>
    public OutboxEvent Add(Guid organizationId, string type, object data, IReadOnlyDictionary<string, object?>? previous, DateTimeOffset at) =>
        Insert(organizationId, type, data, previous, at, fannedOut: false);

    /// <summary>An event whose delivery the caller creates itself (a test ping): never fanned out.</summary>
    public OutboxEvent AddFannedOut(Guid organizationId, string type, object data, DateTimeOffset at) =>
        Insert(organizationId, type, data, null, at, fannedOut: true);

    /// <summary>After this transaction commits, the local dispatcher looks for work at once.</summary>
    public void WakeDispatcherAfterCommit()
    {
        if (_wakeRegistered) return;
        _wakeRegistered = true;
        session.AfterCommit(() =>
        {
            _wakeRegistered = false;
            dispatcher.Wake();
        });
        session.AfterRollback(() => _wakeRegistered = false);
    }

    /// <summary>The row is deferred: it reaches the database with the change's other writes and its commit.</summary>
    private OutboxEvent Insert(Guid organizationId, string type, object data, IReadOnlyDictionary<string, object?>? previous,
        DateTimeOffset at, bool fannedOut)
    {
        var id = Guid.CreateVersion7(at);
        var eventId = "evt_" + id.ToString("N");
        var body = previous is null
            ? JsonSerializer.Serialize(new EventBody(eventId, type, at, data), ApiJson.Options)
            : JsonSerializer.Serialize(new EventBodyWithPrevious(eventId, type, at, data, previous), ApiJson.Options);
        const string sql = """
            INSERT INTO outbox (id, event_id, org_id, type, payload, created_at, processed_at)
            VALUES (@id, @eventId, @organizationId, @type, @body::json, @at, CASE WHEN @fannedOut THEN @at END)
            """;
        session.Defer(sql, new { id, eventId, organizationId, type, body, at, fannedOut });
        WakeDispatcherAfterCommit();
        return new OutboxEvent(id, eventId);
    }

    private sealed record EventBody(string Id, string Type, DateTimeOffset CreatedAt, object Data);

    private sealed record EventBodyWithPrevious(string Id, string Type, DateTimeOffset CreatedAt, object Data,
        IReadOnlyDictionary<string, object?> Previous);
}
