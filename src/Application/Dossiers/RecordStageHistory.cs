using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>Every stage a dossier enters is recorded (from, to, at), the first one at creation (SPEC §4, beyond).</summary>
internal sealed class RecordStageHistory(IDbSession session) :
    INotificationHandler<DossierCreated>,
    INotificationHandler<DossierStageChanged>
{
    public Task Handle(DossierCreated e, CancellationToken ct) => RecordAsync(e.OrganizationId, e.DossierId, null, e.StageId, e.At, ct);

    public Task Handle(DossierStageChanged e, CancellationToken ct) =>
        RecordAsync(e.OrganizationId, e.DossierId, e.FromStageId, e.ToStageId, e.At, ct);

    /// <summary>Deferred: it goes to the database with the change's other writes and its commit.</summary>
    private Task RecordAsync(Guid org, Guid dossier, Guid? from, Guid to, DateTimeOffset at, CancellationToken ct)
    {
        session.Defer("""
            INSERT INTO stage_history (id, org_id, dossier_id, from_stage_id, to_stage_id, changed_at)
            VALUES (@id, @org, @dossier, @from, @to, @at)
            """, new { id = Guid.CreateVersion7(at), org, dossier, from, to, at });
        return Task.CompletedTask;
    }
}
