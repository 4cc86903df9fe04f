using LeadGrid.Application.Common;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// Each domain event becomes an outbox row in the transaction of the change, carrying the resource's full
/// representation as it is right after the change: built from the aggregate that raised the event (the session
/// tracks it), the same state the API answers with, so nothing is read back.
/// </summary>
internal sealed class DossierEventsToOutbox(IDbSession session, OutboxWriter outbox) :
    INotificationHandler<DossierCreated>,
    INotificationHandler<DossierUpdated>,
    INotificationHandler<DossierStageChanged>,
    INotificationHandler<DossierArchived>,
    INotificationHandler<NoteCreated>
{
    public Task Handle(DossierCreated e, CancellationToken ct) =>
        Write(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierCreated, null, e.At);

    public Task Handle(DossierUpdated e, CancellationToken ct) =>
        Write(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierUpdated, e.Previous, e.At);

    public Task Handle(DossierStageChanged e, CancellationToken ct) =>
        Write(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierStageChanged,
            new Dictionary<string, object?> { ["current_stage_id"] = e.FromStageId }, e.At);

    public Task Handle(DossierArchived e, CancellationToken ct) =>
        Write(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierDeleted, null, e.At);

    public Task Handle(NoteCreated e, CancellationToken ct)
    {
        var note = Tracked<Note>(n => n.Id == e.NoteId, $"Note {e.NoteId}");
        outbox.Add(e.OrganizationId, WebhookEventTypes.NoteCreated, NoteDetails.From(note), null, e.At);
        return Task.CompletedTask;
    }

    private Task Write(Guid organizationId, Guid dossierId, string type, IReadOnlyDictionary<string, object?>? previous, DateTimeOffset at)
    {
        var dossier = Tracked<Dossier>(d => d.Id == dossierId, $"Dossier {dossierId}");
        outbox.Add(organizationId, type, DossierDetails.From(dossier), previous, at);
        return Task.CompletedTask;
    }

    /// <summary>The aggregate that raised an event is tracked by the session: events are collected from tracked aggregates.</summary>
    private T Tracked<T>(Func<T, bool> match, string what) where T : class =>
        session.Tracked.OfType<T>().FirstOrDefault(match)
        ?? throw new InvalidOperationException($"{what} raised an event but is not tracked by the session.");
}
