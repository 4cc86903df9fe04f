using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>GET /dossiers/:id.</summary>
public sealed record GetDossier(Guid OrganizationId, Guid DossierId) : IRequest<DossierDetails>;

internal sealed class GetDossierHandler(IDbSession session) : IRequestHandler<GetDossier, DossierDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<DossierDetails>.SelectList}\nFROM {RowColumns<DossierDetails>.From} WHERE d.org_id = @organizationId AND d.id = @dossierId";

    public async Task<DossierDetails> Handle(GetDossier query, CancellationToken ct) =>
        await FindAsync(session, query.OrganizationId, query.DossierId, ct) ?? throw new NotFoundException("Dossier");

    /// <summary>The representation, in the session's transaction when there is one (webhooks need it right after a change).</summary>
    internal static Task<DossierDetails?> FindAsync(IDbSession session, Guid organizationId, Guid dossierId, CancellationToken ct)
    {
        return session.Connection.QuerySingleOrDefaultAsync<DossierDetails?>(
            new CommandDefinition(Sql, new { organizationId, dossierId }, session.Transaction, cancellationToken: ct));
    }
}
