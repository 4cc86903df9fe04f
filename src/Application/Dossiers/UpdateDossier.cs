using System.Diagnostics.CodeAnalysis;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>
/// PATCH /dossiers/:id: any subset of the fields; null clears optional ones; current_stage_id moves the dossier within
/// its own flow; status archived archives it, another status restores it.
/// </summary>
public sealed record UpdateDossier : DossierFields, ICommand<DossierDetails>, IPartial
{
    [DisallowNull] public DossierStatus? Status { get; init; }
    [DisallowNull] public Guid? CurrentStageId { get; init; }

    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid DossierId { get; init; }
    [SetByServer] public ISet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

internal sealed class UpdateDossierHandler(IDossierRepository dossiers, IFlowRepository flows,
    IOrganizationRepository organizations, TimeProvider clock) : IRequestHandler<UpdateDossier, DossierDetails>
{
    /// <summary>The dossier after the change (or unchanged), as the events carry it: nothing is read back.</summary>
    public async Task<DossierDetails> Handle(UpdateDossier c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        var flow = c.Given.Contains(nameof(c.CurrentStageId)) ? await flows.GetAsync(c.OrganizationId, dossier.FlowId, ct) : null;
        var assignee = c.Given.Contains(nameof(c.AssignedTo)) && c.AssignedTo is { } memberId
            ? await organizations.GetMemberAsync(c.OrganizationId, memberId, ct)
            : null;
        var edit = new DossierEdit
        {
            Fields = new Patch<DossierFields>(c, c.Given.ToHashSet()),
            Status = c.Sent(c.Status),
            CurrentStageId = c.Sent(c.CurrentStageId),
        };
        if (dossier.Edit(edit, flow, assignee, clock.GetUtcNow()))
            await dossiers.UpdateAsync(dossier, ct);
        return DossierDetails.From(dossier);
    }
}
