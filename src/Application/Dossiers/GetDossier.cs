using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>GET /dossiers/:id.</summary>
public sealed record GetDossier(Guid OrganizationId, Guid DossierId) : IRequest<DossierDetails>;

internal sealed class GetDossierHandler(IDbSession session) : IRequestHandler<GetDossier, DossierDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<DossierDetails>.SelectList}\nFROM {RowColumns<DossierDetails>.From} WHERE d.org_id = @OrganizationId AND d.id = @DossierId";

    public async Task<DossierDetails> Handle(GetDossier query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<DossierDetails>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException("Dossier");
}
