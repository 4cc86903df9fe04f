using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Dossiers;

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

    private sealed record CvRow
    {
        public string? Key { get; init; }
    }
}
