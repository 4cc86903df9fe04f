using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>SPEC §4: the answer to a CV upload.</summary>
public sealed record CvDetails(Guid Id, string CvUrl);

/// <summary>POST /dossiers/:id/cv: stores the PDF (replacing any earlier one) and emits dossier.updated.</summary>
public sealed record UploadCv(Guid OrganizationId, Guid DossierId, CvDocument Cv) : ICommand<CvDetails>;

internal sealed class UploadCvHandler(IDossierRepository dossiers, IFileStorage storage, IDbSession session, TimeProvider clock)
    : IRequestHandler<UploadCv, CvDetails>
{
    public async Task<CvDetails> Handle(UploadCv c, CancellationToken ct)
    {
        var dossier = await dossiers.GetForUpdateAsync(c.OrganizationId, c.DossierId, ct) ?? throw new NotFoundException("Dossier");
        dossier.AttachCv(clock.GetUtcNow());
        session.Enlist(await storage.StageAsync(dossier.CvStorageKey, c.Cv.Content, ct));
        await dossiers.UpdateAsync(dossier, ct);
        return new CvDetails(dossier.Id, dossier.CvKey!);
    }
}
