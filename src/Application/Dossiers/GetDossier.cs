using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

/// <summary>GET /dossiers/:id.</summary>
public sealed record GetDossier(Guid OrganizationId, Guid DossierId) : IRequest<DossierDetails>;

internal sealed class GetDossierHandler(IDbSession session) : IRequestHandler<GetDossier, DossierDetails>
{
    public async Task<DossierDetails> Handle(GetDossier query, CancellationToken ct) =>
        await FindAsync(session, query.OrganizationId, query.DossierId, ct) ?? throw new NotFoundException("Dossier");

    /// <summary>The representation, in the session's transaction when there is one (webhooks need it right after a change).</summary>
    internal static Task<DossierDetails?> FindAsync(IDbSession session, Guid organizationId, Guid dossierId, CancellationToken ct)
    {
        const string sql = $"SELECT {DossierDetails.Columns}\nFROM dossiers d WHERE d.org_id = @organizationId AND d.id = @dossierId";
        return session.Connection.QuerySingleOrDefaultAsync<DossierDetails?>(
            new CommandDefinition(sql, new { organizationId, dossierId }, session.Transaction, cancellationToken: ct));
    }
}

internal static class DossierQueries
{
    /// <summary>For listings under a dossier: the dossier (parameters @org, @dossier) must be the organization's.</summary>
    public static readonly ParentCheck MustExist = new("SELECT 1 FROM dossiers WHERE org_id = @org AND id = @dossier", "Dossier");
}
