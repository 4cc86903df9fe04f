using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

public sealed record GetApiKey(Guid OrganizationId, Guid KeyId) : IRequest<ApiKeyDetails>;

internal sealed class GetApiKeyHandler(IDbSession session) : IRequestHandler<GetApiKey, ApiKeyDetails>
{
    public async Task<ApiKeyDetails> Handle(GetApiKey query, CancellationToken ct)
    {
        const string sql = """
            SELECT id, name, prefix, scopes, expires_at AS ExpiresAt, last_used_at AS LastUsedAt,
                   revoked_at AS RevokedAt, created_at AS CreatedAt
            FROM api_keys WHERE org_id = @OrganizationId AND id = @KeyId
            """;
        return await session.Connection.QuerySingleOrDefaultAsync<ApiKeyDetails>(
                   new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct))
               ?? throw new NotFoundException("API key");
    }
}
