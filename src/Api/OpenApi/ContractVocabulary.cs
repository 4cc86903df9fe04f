using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Organizations;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Api.OpenApi;

/// <summary>
/// The closed sets of the contract (SPEC §4–§13), for the OpenAPI document: which member of which representation or
/// body takes which values, and which query parameter does. The values come from the domain's own lists, so the
/// document cannot drift from what the server accepts.
/// </summary>
internal static class ContractVocabulary
{
    private static readonly IReadOnlyList<string> DossierTypeNames = WireNames<DossierType>.All;
    private static readonly IReadOnlyList<string> StatusFilters = [.. WireNames<DossierStatus>.All, ListDossiers.AllStatuses];
    private static readonly IReadOnlyList<string> Pools = [ListContacts.InPool, ListContacts.Expired];

    /// <summary>Members (by their JSON name) whose values are one of a closed set, by the schema types they appear in.</summary>
    private static readonly (string[] Types, string Member, IReadOnlyList<string> Values)[] Members =
    [
        (["DossierDetails", "CreateDossier", "FlowDetails"], "type", DossierTypeNames),
        (["DossierDetails", "UpdateDossier"], "status", WireNames<DossierStatus>.All),
        (["ContactDetails", "CreateContact", "UpdateContact"], "kind", WireNames<ContactKind>.All),
        (["DossierContactDetails", "LinkContact", "DossierLink"], "role_on_dossier", WireNames<ContactRole>.All),
        (["OrganizationDetails", "CreateOrganization", "UpdateOrganization"], "plan", WireNames<Plan>.All),
        (["ApiKeyDetails", "CreateApiKey", "CreatedApiKey"], "scopes", Scopes.All),
        (["WebhookEndpointDetails", "CreateWebhookEndpoint", "UpdateWebhookEndpoint"], "events", WebhookEventTypes.All),
        (["WebhookEndpointDetails"], "disabled_reason", WireNames<EndpointDisabledReason>.All),
        (["WebhookDeliveryDetails"], "event_type", [.. WebhookEventTypes.All, "ping"]),
        (["WebhookDeliveryDetails"], "state", WireNames<DeliveryState>.All),
        (["AddMember", "MemberDetails", "InvitedMember"], "role", WireNames<MemberRole>.All),
    ];

    /// <summary>The values a member of a schema type takes, or null when it is open.</summary>
    public static IReadOnlyList<string>? ValuesOf(string schemaType, string member)
    {
        foreach (var (types, name, values) in Members)
            if (name == member && types.Contains(schemaType))
                return values;
        return null;
    }

    /// <summary>Query parameters with a closed set of values, by operation.</summary>
    public static IReadOnlyList<string>? QueryValues(string operationId, string parameter) => (operationId, parameter) switch
    {
        ("ListDossiers", "type") or ("ListFlows", "type") => DossierTypeNames,
        ("ListDossiers", "status") => StatusFilters,
        ("ListContacts", "kind") => WireNames<ContactKind>.All,
        ("ListContacts", "pool") => Pools,
        ("ListWebhookDeliveries", "state") => WireNames<DeliveryState>.All,
        _ => null,
    };

    /// <summary>
    /// The closed sets as named schemas of the document, so a generated client gets one type for each (DossierType,
    /// ContactKind, …) wherever it appears, not an anonymous enum per member and parameter.
    /// </summary>
    public static readonly (string Name, IReadOnlyList<string> Values, string Description)[] Named =
    [
        ("DossierType", DossierTypeNames, "A dossier's (and a flow's) type: a candidate in hiring, or a deal in sales."),
        ("DossierStatus", WireNames<DossierStatus>.All, "A dossier's status; archived dossiers are left out of listings unless asked for."),
        ("DossierStatusFilter", StatusFilters, "A status to list, or all of them (archived included)."),
        ("ContactKind", WireNames<ContactKind>.All, "What a contact is to the organization; a contact may be several."),
        ("ContactPool", Pools, "in_pool: the talent-pool window ends in the future; expired: it has ended."),
        ("ContactRole", WireNames<ContactRole>.All, "The role a contact has on a dossier."),
        ("Plan", WireNames<Plan>.All, "An organization's plan; the API needs growth."),
        ("Scope", Scopes.All, "What an API key may do."),
        ("WebhookEventType", WebhookEventTypes.All, "An event a webhook endpoint can subscribe to."),
        ("DeliveryEventType", [.. WebhookEventTypes.All, "ping"], "The event a delivery carries: a subscribed one, or a test ping."),
        ("DeliveryState", WireNames<DeliveryState>.All, "Where a webhook delivery stands."),
        ("EndpointDisabledReason", WireNames<EndpointDisabledReason>.All, "Why a webhook endpoint is disabled: by an admin, a 410 Gone, or failing for days."),
        ("MemberRole", WireNames<MemberRole>.All, "A member's role: admins manage keys and webhooks under Settings → API."),
    ];

    /// <summary>Partial-update members that may be left out but not cleared: null is refused for them.</summary>
    public static bool NeverNull(string schemaType, string member) => (schemaType, member) switch
    {
        ("UpdateDossier", "name" or "status" or "current_stage_id") => true,
        ("UpdateContact", "full_name") => true,
        ("UpdateOrganization", "name" or "plan") => true,
        ("UpdateWebhookEndpoint", "url" or "events" or "enabled") => true,
        _ => false,
    };

    /// <summary>Operations that page by cursor as well as by page number (SPEC §4).</summary>
    public static readonly IReadOnlySet<string> CursorListings = new HashSet<string>
    {
        "ListDossiers", "ListContacts", "ListNotes", "ListOrganizations", "ListApiKeys", "ListWebhookEndpoints", "ListWebhookDeliveries",
    };
}
