using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>DELETE /dossiers/:id/contacts/:contact_id: the link goes, the contact stays; 404 when not linked.</summary>
public sealed record UnlinkContact(Guid OrganizationId, Guid DossierId, Guid ContactId) : ICommand<DossierUnlink>;

internal sealed class UnlinkContactHandler(IDossierRepository dossiers, TimeProvider clock) : IRequestHandler<UnlinkContact, DossierUnlink>
{
    public async Task<DossierUnlink> Handle(UnlinkContact c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        if (!dossier.UnlinkContact(c.ContactId, clock.GetUtcNow()))
            throw new NotFoundException("Contact link");
        await dossiers.UpdateAsync(dossier, ct);
        return new DossierUnlink(dossier.Id, c.ContactId, true);
    }
}
