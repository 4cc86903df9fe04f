using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Api.Docs;

/// <summary>The reference's own words: its introduction, its tags, and what a webhook receiver gets (SPEC §9).</summary>
internal static class Reference
{
    public const string Introduction =
        "Dossiers, contacts, flows and notes for recruiting and sales teams, with signed webhooks for every change.\n\n" +
        "Authenticate with `Authorization: Bearer lg_live_…` (an API key with scopes, made under Settings → API). " +
        "JSON in and out with snake_case keys; timestamps ISO 8601 UTC; ids UUIDs. Every error is " +
        "`{\"error\": {\"code\", \"message\", \"param\"?}}`; `param` names the input an error is about. Lists carry " +
        "`meta.total` and page by `page`/`per_page`, or by `cursor` (`meta.next_cursor`) where rows must not be skipped " +
        "while others are inserted. POSTs take an `Idempotency-Key`.";

    public static readonly (string Name, string Description)[] Tags =
    [
        ("Dossiers", "Candidates in hiring and deals in sales, moving through the stages of a flow; with their CV, contacts and notes (SPEC §4, §6, §8)."),
        ("Contacts", "The people in the organization's network: candidates, prospects, clients, suppliers and partners (SPEC §5)."),
        ("Flows", "The pipelines dossiers move through: ordered stages with deadlines and win probabilities (SPEC §7)."),
        ("Admin", "Operator API (Authorization: Bearer <Admin:Token>): organizations, members and API keys (SPEC §12, §13)."),
        ("Admin: webhooks", "Operator API: webhook endpoints, their deliveries, redelivery, secret rotation and test events (SPEC §9, §12)."),
        ("Webhooks", "What LeadGrid POSTs to your endpoints: one JSON event per change, signed (X-LeadGrid-Signature: t=…,v1=<hex HMAC-SHA256 " +
                     "of \"<t>.<body>\"> with the endpoint's secret). Any 2xx is success; anything else is retried for about three days " +
                     "(410 Gone disables the endpoint). Receivers dedupe on the event id (SPEC §9)."),
    ];

    public const string EventId = "The event's id; the same on every attempt.";
    public const string EventIdPattern = "^evt_[0-9a-f]{32}$";

    public static readonly (string Type, Type Body, string Summary)[] Events =
    [
        (WebhookEventTypes.DossierCreated, typeof(DossierEvent), "A dossier was created"),
        (WebhookEventTypes.DossierUpdated, typeof(DossierEvent), "A dossier changed (previous holds the changed fields' old values)"),
        (WebhookEventTypes.DossierStageChanged, typeof(DossierEvent), "A dossier moved to another stage"),
        (WebhookEventTypes.DossierDeleted, typeof(DossierEvent), "A dossier was archived"),
        (WebhookEventTypes.NoteCreated, typeof(NoteEvent), "A note was added"),
        (WebhookEventTypes.Ping, typeof(PingEvent), "A test event"),
    ];

    public static readonly (string Name, string Description)[] EventHeaders =
    [
        ("X-LeadGrid-Signature", "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">; during a secret rotation a second v1 (the old secret's) comes last."),
        ("X-LeadGrid-Event-Id", "The event's id (as in the body)."),
        ("X-LeadGrid-Event-Type", "The event's type (as in the body)."),
    ];

    /// <summary>What a receiver's answer means.</summary>
    public static readonly (string Status, string Description)[] EventAnswers =
    [
        ("200", "Received. Any 2xx counts as success."),
        ("410", "Gone: the endpoint is disabled and receives nothing more until an admin enables it."),
        ("default", "Any other answer, a timeout (15 s) or a refused connection: retried with backoff for about three days."),
    ];
}
