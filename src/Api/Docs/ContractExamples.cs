using System.Text.Json.Nodes;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Api.Docs;

/// <summary>
/// An example of every representation and body of the document, taken from the reference's own examples (Sophie van
/// Dijk, KLM's cabin crew hiring, the sales flow) with whole ids. Envelopes get theirs from what they wrap. The API
/// tests check that every request example is accepted by the server's own binder and that every example has exactly
/// the members its schema has.
/// </summary>
internal static class ContractExamples
{
    private const string Org = "0196a0f2-41a0-7c3e-9d2a-6f1e2b3c4d5e";
    private const string Dossier = "0196a1c0-3f2a-7b1e-8c4d-5e6f7a8b9c0d";
    private const string Sophie = "0196a0b1-2c3d-7e4f-8a5b-6c7d8e9f0a1b";
    private const string Mark = "0196a0b1-9d8e-7f6a-8b5c-4d3e2f1a0b9c";
    private const string SalesFlow = "01969f00-1a2b-7c3d-8e4f-5a6b7c8d9e0f";
    private const string Lead = "01969f00-1a2b-7c3d-8e4f-5a6b7c8d9e01";
    private const string Discovery = "01969f00-1a2b-7c3d-8e4f-5a6b7c8d9e02";
    private const string Member = "0196a0f2-5b1c-7d2e-9f3a-4b5c6d7e8f90";
    private const string Note = "0196a2d3-4e5f-7a6b-8c7d-9e0f1a2b3c4d";
    private const string Key = "0196a0f3-0a1b-7c2d-8e3f-4a5b6c7d8e9f";
    private const string Endpoint = "0196a0f4-1b2c-7d3e-8f4a-5b6c7d8e9fa0";
    private const string Delivery = "0196a2e0-2c3d-7e4f-8a5b-6c7d8e9f0a1c";

    /// <summary>The example of a type: its own, or for an envelope the one of what it wraps, in its envelope; null when it has none.</summary>
    public static JsonNode? For(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DataEnvelope<>))
            return For(type.GetGenericArguments()[0]) is { } data ? new JsonObject { ["data"] = data } : null;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ListEnvelope<>))
            return For(type.GetGenericArguments()[0]) is { } item ? new JsonObject { ["data"] = new JsonArray(item), ["meta"] = For(typeof(ListMeta)) } : null;
        return Examples.TryGetValue(type.Name, out var json) || Events.TryGetValue(type.Name, out json) ? JsonNode.Parse(json) : null;
    }

    /// <summary>A real cursor, as the listing of dossiers gives it out after the reference's KLM dossier.</summary>
    public static string Cursor { get; } =
        new ListCursor(Application.Dossiers.ListDossiers.Listing, new DateTimeOffset(2026, 4, 15, 12, 3, 40, TimeSpan.Zero), Guid.Parse(Dossier)).Encode();

    /// <summary>A representation as the API writes it: built from a sample by the same <c>From</c> the endpoints use.</summary>
    private static string Json<T>(T representation) => System.Text.Json.JsonSerializer.Serialize(representation, ApiJson.Options);

    /// <summary>An event's body: its id, type and time, and the example of its data.</summary>
    private static string Event(string type, string? data) =>
        $$"""{"id":"evt_0196a1c03f2a7b1e8c4d5e6f7a8b9c0e","type":"{{type}}","created_at":"2026-04-15T12:03:40Z","data":{{(data is null ? $"{{\"endpoint_id\":\"{Endpoint}\"}}" : Examples[data])}}}""";

    private static DateTimeOffset At(string timestamp) => DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture);

    private static readonly Dictionary<string, string> Examples = new(StringComparer.Ordinal)
    {
        ["DossierDetails"] = Json(DossierDetails.From(Domain.Dossiers.Dossier.Restore(new DossierState
        {
            Id = Guid.Parse(Dossier), OrganizationId = Guid.Parse(Org), Type = DossierType.Sales, Name = "KLM, Cabin crew hiring",
            Email = "pieter@klm.example", Phone = "+31 20 649 9123", Company = "KLM", Role = "Head of Cabin Crew",
            ContactPerson = "Pieter van Leeuwen", DealSize = 62000, DealCurrency = "EUR", Status = DossierStatus.Active,
            FlowId = Guid.Parse(SalesFlow), CurrentStageId = Guid.Parse(Discovery), StageEnteredAt = At("2026-04-15T12:03:40Z"),
            StageDeadlineAt = At("2026-04-20T12:03:40Z"), AssignedTo = Guid.Parse(Member), IntakeNotes = "Budget approved for Q3.",
            CreatedAt = At("2026-04-15T12:03:40Z"), UpdatedAt = At("2026-04-15T12:03:40Z"),
        }, [new ContactLink(Guid.Parse(Mark), ContactRole.Primary, IsPrimary: true, At("2026-04-15T12:03:40Z"))]))),
        ["CreateDossier"] = """
            {"type":"sales","name":"KLM, Cabin crew hiring","company":"KLM","contact_person":"Pieter van Leeuwen","deal_size":62000,"deal_currency":"EUR"}
            """,
        ["UpdateDossier"] = $$"""{"current_stage_id":"{{Discovery}}","status":"active"}""",
        ["CvDetails"] = $$"""{"id":"{{Dossier}}","cv_url":"{{Org}}/dossiers/{{Dossier}}/cv.pdf"}""",
        ["ContactDetails"] = Json(ContactDetails.From(new ContactState
        {
            Id = Guid.Parse(Sophie), FullName = "Sophie van Dijk", Email = "sophie@example.com", Phone = "+31 6 12345678",
            LinkedinUrl = "https://linkedin.com/in/sophievandijk", Company = "Adyen", Role = "Senior Frontend Engineer", City = "Amsterdam",
            Kind = [ContactKind.Candidate, ContactKind.Client], PoolUntil = At("2026-10-01T00:00:00Z"),
            CreatedAt = At("2026-04-08T11:14:02Z"), UpdatedAt = At("2026-04-30T08:21:14Z"),
        }, dossierCount: 2)),
        ["CreateContact"] = """
            {"full_name":"Sophie van Dijk","email":"sophie@example.com","company":"Adyen","role":"Senior Frontend Engineer","city":"Amsterdam","kind":["candidate"]}
            """,
        ["UpdateContact"] = """{"kind":["candidate","client"],"city":"Rotterdam"}""",
        ["DeletedContact"] = $$"""{"id":"{{Sophie}}","deleted":true}""",
        ["DossierContactDetails"] = $$"""
            {"contact_id":"{{Sophie}}","full_name":"Sophie van Dijk","email":"sophie@example.com","company":"Adyen","role_on_dossier":"primary","is_primary":true}
            """,
        ["LinkContact"] = $$"""{"contact_id":"{{Mark}}","role_on_dossier":"decision_maker","is_primary":false}""",
        ["DossierLink"] = $$"""{"dossier_id":"{{Dossier}}","contact_id":"{{Mark}}","role_on_dossier":"decision_maker","is_primary":false}""",
        ["DossierUnlink"] = $$"""{"dossier_id":"{{Dossier}}","contact_id":"{{Mark}}","unlinked":true}""",
        ["FlowDetails"] = $$"""
            {"id":"{{SalesFlow}}","name":"Sales Flow","type":"sales","is_default":true,"stages":[
              {"id":"{{Lead}}","name":"Lead","position":1,"deadline_days":3,"win_probability":14,"color":"#FF5C35"},
              {"id":"{{Discovery}}","name":"Discovery","position":2,"deadline_days":5,"win_probability":29,"color":"#22C55E"}]}
            """,
        ["StageDetails"] = $$"""{"id":"{{Lead}}","name":"Lead","position":1,"deadline_days":3,"win_probability":14,"color":"#FF5C35"}""",
        ["NoteDetails"] = $$"""
            {"id":"{{Note}}","dossier_id":"{{Dossier}}","content":"Had a great first call, strong culture fit.","is_internal":true,"created_at":"2026-04-14T09:12:30Z"}
            """,
        ["AddNote"] = """{"content":"Followed up by email."}""",
        ["ErrorResponse"] = """{"error":{"code":"invalid_body","message":"'deal_size' must be a number.","param":"deal_size"}}""",
        ["Error"] = """{"code":"invalid_body","message":"'deal_size' must be a number.","param":"deal_size"}""",
        ["OrganizationDetails"] = $$"""
            {"id":"{{Org}}","name":"Acme Recruiting","plan":"growth","created_at":"2026-04-01T08:00:00Z","updated_at":"2026-04-01T08:00:00Z"}
            """,
        ["CreateOrganization"] = """{"name":"Acme Recruiting","plan":"growth"}""",
        ["UpdateOrganization"] = """{"plan":"growth"}""",
        ["AddMember"] = """{"email":"anna@acme.example","full_name":"Anna de Boer","role":"admin"}""",
        ["MemberDetails"] = $$"""
            {"id":"{{Member}}","email":"anna@acme.example","full_name":"Anna de Boer","role":"admin","has_password":true,"created_at":"2026-04-01T08:05:00Z"}
            """,
        ["InvitedMember"] = $$"""
            {"id":"{{Member}}","email":"anna@acme.example","full_name":"Anna de Boer","role":"admin","has_password":false,
             "created_at":"2026-04-01T08:05:00Z","invite_url":"https://leadgrid.example/invite/Gqm1VVfKIW7vGoaEPbc7U8tl1x8gNCgmNhe1M-OvPCA",
             "invite_expires_at":"2026-04-08T08:05:00Z"}
            """,
        ["InviteLink"] = """
            {"invite_url":"https://leadgrid.example/invite/Gqm1VVfKIW7vGoaEPbc7U8tl1x8gNCgmNhe1M-OvPCA","expires_at":"2026-04-08T08:05:00Z"}
            """,
        ["CreateApiKey"] = """{"name":"CRM sync","scopes":["dossiers:read","contacts:read"],"expires_at":"2027-04-01T00:00:00Z"}""",
        ["CreatedApiKey"] = $$"""
            {"id":"{{Key}}","name":"CRM sync","key":"lg_live_4eC39HqLyjWDarjtT1zdp7dcA1b2C3d4E5f6","prefix":"lg_live_4eC39H",
             "scopes":["dossiers:read","contacts:read"],"expires_at":"2027-04-01T00:00:00Z","created_at":"2026-04-01T08:10:00Z"}
            """,
        ["ApiKeyDetails"] = $$"""
            {"id":"{{Key}}","name":"CRM sync","prefix":"lg_live_4eC39H","scopes":["dossiers:read","contacts:read"],
             "expires_at":"2027-04-01T00:00:00Z","last_used_at":"2026-04-15T12:03:40Z","revoked_at":null,"created_at":"2026-04-01T08:10:00Z"}
            """,
        ["CreateWebhookEndpoint"] = """{"url":"https://hooks.acme.example/leadgrid","events":["dossier.created","dossier.stage_changed"]}""",
        ["UpdateWebhookEndpoint"] = """{"enabled":true}""",
        ["RotateWebhookSecret"] = """{"old_secret_expires_in":86400}""",
        ["WebhookEndpointDetails"] = $$"""
            {"id":"{{Endpoint}}","url":"https://hooks.acme.example/leadgrid","secret":"whsec_kXo3gT0bqS9xv2Lr8Yw4Zc6Nd1Fh5Jm7",
             "events":["dossier.created","dossier.stage_changed"],"enabled":true,"disabled_reason":null,"old_secret_expires_at":null,
             "created_at":"2026-04-01T08:15:00Z","updated_at":"2026-04-01T08:15:00Z"}
            """,
        ["DeletedWebhookEndpoint"] = $$"""{"id":"{{Endpoint}}","deleted":true}""",
        ["WebhookAttemptDetails"] = """
            {"number":1,"attempted_at":"2026-04-15T12:03:41Z","status_code":200,"duration_ms":84,"error":null,"response_body":"ok"}
            """,
        ["WebhookDeliveryDetails"] = $$"""
            {"id":"{{Delivery}}","endpoint_id":"{{Endpoint}}","event_id":"evt_0196a1c03f2a7b1e8c4d5e6f7a8b9c0e","event_type":"dossier.created",
             "state":"succeeded","attempt_count":1,"next_attempt_at":null,"created_at":"2026-04-15T12:03:40Z","updated_at":"2026-04-15T12:03:41Z",
             "attempts":[{"number":1,"attempted_at":"2026-04-15T12:03:41Z","status_code":200,"duration_ms":84,"error":null,"response_body":"ok"}]}
            """,
        ["ListMeta"] = $$"""
            {"total":34,"total_exact":true,"page":1,"per_page":25,"has_more":true,"next_cursor":"{{Cursor}}"}
            """,
    };

    /// <summary>The events' bodies (after <see cref="Examples"/>, whose data they carry).</summary>
    private static readonly Dictionary<string, string> Events = new(StringComparer.Ordinal)
    {
        ["DossierEvent"] = Event(WebhookEventTypes.DossierCreated, "DossierDetails"),
        ["NoteEvent"] = Event(WebhookEventTypes.NoteCreated, "NoteDetails"),
        ["PingEvent"] = Event(WebhookEventTypes.Ping, null),
    };
}
