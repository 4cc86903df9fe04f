using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>GET /dossiers/:id.</summary>
public sealed record GetDossier(Guid OrganizationId, Guid DossierId) : IRequest<DossierDetails>;

internal sealed class GetDossierHandler(IDbSession session) : IRequestHandler<GetDossier, DossierDetails>
{
    public async Task<DossierDetails> Handle(GetDossier query, CancellationToken ct) =>
        await session.GetAsync<DossierDetails>(query.OrganizationId, query.DossierId, "Dossier", ct);
}
