using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>
/// GET /dossiers: filters type, status, stage_id, assigned_to, updated_since, overdue; archived dossiers only when
/// asked for by status; newest first; count and page in one round trip. Only the filters given become WHERE clauses,
/// so each combination has its own statement and plan, and an index that ends in the sort order.
/// </summary>
public sealed record ListDossiers(Guid OrganizationId, string? Type, string? Status, Guid? StageId, Guid? AssignedTo,
    DateTimeOffset? UpdatedSince, bool? Overdue, PageRequest Page) : IRequest<Paged<DossierDetails>>;

internal sealed class ListDossiersHandler(IDbSession session, TimeProvider clock) : IRequestHandler<ListDossiers, Paged<DossierDetails>>
{
    public async Task<Paged<DossierDetails>> Handle(ListDossiers query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var spec = new SqlSpec("d.created_at", "d.id")
            .Where("d.org_id = @org", new { org = query.OrganizationId })
            .Where("d.type = @type", new { type = query.Type }, when: query.Type is not null)
            .Where("d.status = @status", new { status = query.Status }, when: query.Status is not null)
            .Where("d.status <> 'archived'", when: query.Status is null)
            .Where("d.current_stage_id = @stage", new { stage = query.StageId }, when: query.StageId is not null)
            .Where("d.assigned_to = @assignee", new { assignee = query.AssignedTo }, when: query.AssignedTo is not null)
            .Where("d.updated_at >= @since", new { since = query.UpdatedSince }, when: query.UpdatedSince is not null)
            .Where("d.stage_deadline_at < @now", new { now }, when: query.Overdue == true)
            .Where("(d.stage_deadline_at IS NULL OR d.stage_deadline_at >= @now)", new { now }, when: query.Overdue == false)
            .OrderBy("d.created_at", descending: true).OrderBy("d.id", descending: true)
            .Page(query.Page);
        return await session.QueryPageAsync<DossierDetails>(spec, $"SELECT {DossierDetails.Columns}\nFROM dossiers d", "FROM dossiers d", ct);
    }
}
