using LeadGrid.Application.Common;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Webhooks;
using MediatR;

namespace LeadGrid.Application.Webhooks;

/// <summary>
/// Each domain event becomes an outbox row in the transaction of the change, carrying the resource's full
/// representation as it is right after the change (read in that same transaction).
/// </summary>
internal sealed class DossierEventsToOutbox(IDbSession session, OutboxWriter outbox) :
    INotificationHandler<DossierCreated>,
    INotificationHandler<DossierUpdated>,
    INotificationHandler<DossierStageChanged>,
    INotificationHandler<DossierArchived>,
    INotificationHandler<NoteCreated>
{
    public async Task Handle(DossierCreated e, CancellationToken ct) =>
        await WriteAsync(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierCreated, null, e.At, ct);

    public async Task Handle(DossierUpdated e, CancellationToken ct) =>
        await WriteAsync(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierUpdated, e.Previous, e.At, ct);

    public async Task Handle(DossierStageChanged e, CancellationToken ct) =>
        await WriteAsync(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierStageChanged,
            new Dictionary<string, object?> { ["current_stage_id"] = e.FromStageId }, e.At, ct);

    public async Task Handle(DossierArchived e, CancellationToken ct) =>
        await WriteAsync(e.OrganizationId, e.DossierId, WebhookEventTypes.DossierDeleted, null, e.At, ct);

    public async Task Handle(NoteCreated e, CancellationToken ct)
    {
        var note = await NoteQueries.FindAsync(session, e.OrganizationId, e.NoteId, ct)
                   ?? throw new InvalidOperationException($"Note {e.NoteId} vanished inside its own transaction.");
        await outbox.AddAsync(e.OrganizationId, WebhookEventTypes.NoteCreated, note, null, e.At, ct);
    }

    private async Task WriteAsync(Guid organizationId, Guid dossierId, string type, IReadOnlyDictionary<string, object?>? previous,
        DateTimeOffset at, CancellationToken ct)
    {
        var dossier = await GetDossierHandler.FindAsync(session, organizationId, dossierId, ct)
                      ?? throw new InvalidOperationException($"Dossier {dossierId} vanished inside its own transaction.");
        await outbox.AddAsync(organizationId, type, dossier, previous, at, ct);
    }
}
