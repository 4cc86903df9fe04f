using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

public sealed record GetApiKey(Guid OrganizationId, Guid KeyId) : IRequest<ApiKeyDetails>;

internal sealed class GetApiKeyHandler(IDbSession session) : IRequestHandler<GetApiKey, ApiKeyDetails>
{
    private static readonly string Sql =
        $"SELECT {RowColumns<ApiKeyDetails>.SelectList}\nFROM {RowColumns<ApiKeyDetails>.From} WHERE k.org_id = @OrganizationId AND k.id = @KeyId";

    public async Task<ApiKeyDetails> Handle(GetApiKey query, CancellationToken ct) =>
        await session.Connection.QuerySingleOrDefaultAsync<ApiKeyDetails>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct))
        ?? throw new NotFoundException("API key");
}
