using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Webhooks;

/// <summary>The events an endpoint can subscribe to (SPEC §9), and <see cref="Ping"/>, the test event sent on request.</summary>
[System.ComponentModel.Description("An event a webhook endpoint can subscribe to.")]
public static class WebhookEventTypes
{
    public const string DossierCreated = "dossier.created";
    public const string DossierUpdated = "dossier.updated";
    public const string DossierStageChanged = "dossier.stage_changed";
    public const string DossierDeleted = "dossier.deleted";
    public const string NoteCreated = "note.created";
    public const string Ping = "ping";

    public static readonly IReadOnlyList<string> All = [DossierCreated, DossierUpdated, DossierStageChanged, DossierDeleted, NoteCreated];

    /// <summary>Checks each type, drops duplicates and orders them as <see cref="All"/>; none given means all of them.</summary>
    public static IReadOnlyList<string> ParseSet(IEnumerable<string?>? types)
    {
        if (types is null) return All;
        var given = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var type in types)
        {
            if (type is null || !All.Contains(type))
                throw DomainException.Invalid($"{nameof(WebhookEndpoint.Events)}[{index}]", $"is an unknown event type '{type}'; known types: {string.Join(", ", All)}.");
            given.Add(type);
            index++;
        }
        if (given.Count == 0)
            throw DomainException.Invalid(nameof(WebhookEndpoint.Events), "must name at least one event type (leave it out for all of them).");
        return All.Where(given.Contains).ToArray();
    }
}
