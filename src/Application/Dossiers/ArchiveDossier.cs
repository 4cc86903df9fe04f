using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>DELETE /dossiers/:id: archives (data kept); archiving an archived dossier changes and emits nothing.</summary>
public sealed record ArchiveDossier(Guid OrganizationId, Guid DossierId) : ICommand<DossierDetails>;

internal sealed class ArchiveDossierHandler(IDossierRepository dossiers, TimeProvider clock) : IRequestHandler<ArchiveDossier, DossierDetails>
{
    public async Task<DossierDetails> Handle(ArchiveDossier c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        if (dossier.Archive(clock.GetUtcNow()))
            await dossiers.UpdateAsync(dossier, ct);
        return DossierDetails.From(dossier);
    }
}
