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
public sealed record UpdateDossier(Optional<string?> Name, Optional<string?> Email, Optional<string?> Phone,
    Optional<string?> Company, Optional<string?> Role, Optional<string?> ContactPerson, Optional<decimal?> DealSize,
    Optional<string?> DealCurrency, Optional<DossierStatus?> Status, Optional<Guid?> AssignedTo, Optional<string?> IntakeNotes,
    Optional<Guid?> CurrentStageId) : ICommand<DossierDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public Guid DossierId { get; init; }
}

internal sealed class UpdateDossierHandler(IDossierRepository dossiers, IFlowRepository flows,
    IOrganizationRepository organizations, TimeProvider clock) : IRequestHandler<UpdateDossier, DossierDetails>
{
    /// <summary>The dossier after the change (or unchanged), as the events carry it: nothing is read back.</summary>
    public async Task<DossierDetails> Handle(UpdateDossier c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        var flow = c.CurrentStageId.HasValue ? await flows.GetAsync(c.OrganizationId, dossier.FlowId, ct) : null;
        var assignee = c.AssignedTo is { HasValue: true, Value: { } memberId }
            ? await organizations.GetMemberAsync(c.OrganizationId, memberId, ct)
            : null;
        var edit = new DossierEdit
        {
            Name = c.Name, Email = c.Email, Phone = c.Phone, Company = c.Company, Role = c.Role,
            ContactPerson = c.ContactPerson, DealSize = c.DealSize, DealCurrency = c.DealCurrency, Status = c.Status,
            AssignedTo = c.AssignedTo, IntakeNotes = c.IntakeNotes, CurrentStageId = c.CurrentStageId,
        };
        if (dossier.Edit(edit, flow, assignee, clock.GetUtcNow()))
            await dossiers.UpdateAsync(dossier, ct);
        return DossierDetails.From(dossier);
    }
}
