using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Organizations;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Api.OpenApi;

/// <summary>The contract's closed sets as named schemas (one type each in a generated client), from the domain's own lists.</summary>
internal static class Vocabulary
{
    public static readonly (string Name, IReadOnlyList<string> Values, string Description)[] Named =
    [
        Set<DossierType>("A dossier's (and a flow's) type: a candidate in hiring, or a deal in sales."),
        Set<DossierStatus>("A dossier's status; archived dossiers are left out of listings unless asked for."),
        ("DossierStatusFilter", new ClosedSetAttribute(typeof(DossierStatus), ListDossiers.AllStatuses).Names, "A status to list, or all of them (archived included)."),
        Set<ContactKind>("What a contact is to the organization; a contact may be several."),
        ("ContactPool", [ListContacts.InPool, ListContacts.Expired], "in_pool: the talent-pool window ends in the future; expired: it has ended."),
        Set<ContactRole>("The role a contact has on a dossier."),
        Set<Plan>("An organization's plan; the API needs growth."),
        ("Scope", Scopes.All, "What an API key may do."),
        ("WebhookEventType", WebhookEventTypes.All, "An event a webhook endpoint can subscribe to."),
        ("DeliveryEventType", [.. WebhookEventTypes.All, WebhookEventTypes.Ping], "The event a delivery carries: a subscribed one, or a test ping."),
        Set<DeliveryState>("Where a webhook delivery stands."),
        Set<EndpointDisabledReason>("Why a webhook endpoint is disabled: by an admin, a 410 Gone, or failing for days."),
        Set<MemberRole>("A member's role: admins manage keys and webhooks under Settings → API."),
    ];

    private static (string, IReadOnlyList<string>, string) Set<T>(string description) where T : struct, Enum =>
        (typeof(T).Name, WireNames<T>.All, description);

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
