using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Api.Docs;

// The bodies LeadGrid POSTs to a webhook endpoint (SPEC §9): what the outbox writes, in its key order, as the types
// the OpenAPI document's webhooks are generated from.

[Description("A change of a dossier; data is the dossier right after it.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)] // a receiver takes members added later
internal sealed record DossierEvent(
    [property: Description(Reference.EventId), RegularExpression(Reference.EventIdPattern)] string Id,
    [property: ClosedSet(null, WebhookEventTypes.DossierCreated, WebhookEventTypes.DossierUpdated, WebhookEventTypes.DossierStageChanged,
        WebhookEventTypes.DossierDeleted)] string Type,
    DateTimeOffset CreatedAt,
    DossierDetails Data,
    [property: Description("dossier.updated and dossier.stage_changed only: the value each changed field had before.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    Dictionary<string, object?>? Previous = null);

[Description("A note added to a dossier.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record NoteEvent(
    [property: Description(Reference.EventId), RegularExpression(Reference.EventIdPattern)] string Id,
    [property: ClosedSet(null, WebhookEventTypes.NoteCreated)] string Type,
    DateTimeOffset CreatedAt,
    NoteDetails Data);

[Description("The test event an admin sends to check a receiver.")]
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record PingEvent(
    [property: Description(Reference.EventId), RegularExpression(Reference.EventIdPattern)] string Id,
    [property: ClosedSet(null, WebhookEventTypes.Ping)] string Type,
    DateTimeOffset CreatedAt,
    PingData Data);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record PingData(Guid EndpointId);
