using Dapper;
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

/// <summary>GET /dossiers/:id/cv: the stored PDF; not found when the dossier has none.</summary>
public sealed record GetCv(Guid OrganizationId, Guid DossierId) : IRequest<Stream>;

internal sealed class GetCvHandler(IDbSession session, IFileStorage storage) : IRequestHandler<GetCv, Stream>
{
    public async Task<Stream> Handle(GetCv query, CancellationToken ct)
    {
        var found = await session.Connection.QuerySingleOrDefaultAsync<CvRow>(new CommandDefinition(
            "SELECT cv_key AS Key FROM dossiers WHERE org_id = @OrganizationId AND id = @DossierId",
            query, session.Transaction, cancellationToken: ct)) ?? throw new NotFoundException("Dossier");
        return found.Key is { } key && await storage.OpenReadAsync(key, ct) is { } stream
            ? stream
            : throw new NotFoundException("CV");
    }

    private sealed record CvRow(string? Key)
    {
        private CvRow() : this((string?)null) { }
    }
}
