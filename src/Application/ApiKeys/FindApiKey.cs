using Dapper;
using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

/// <summary>The key with this hash and its organization's plan, in one indexed read; null when unknown.</summary>
public sealed record FindApiKey(byte[] Hash) : IRequest<ApiKeyIdentity?>;

internal sealed class FindApiKeyHandler(IDbSession session) : IRequestHandler<FindApiKey, ApiKeyIdentity?>
{
    public async Task<ApiKeyIdentity?> Handle(FindApiKey query, CancellationToken ct)
    {
        const string sql = """
            SELECT k.id AS KeyId, k.org_id AS OrganizationId, k.secret_hash AS Hash, k.scopes AS Scopes, o.plan AS Plan,
                   k.expires_at AS ExpiresAt, k.revoked_at AS RevokedAt
            FROM api_keys k JOIN organizations o ON o.id = k.org_id
            WHERE k.secret_hash = @Hash
            """;
        return await session.Connection.QuerySingleOrDefaultAsync<ApiKeyIdentity>(
            new CommandDefinition(sql, query, session.Transaction, cancellationToken: ct));
    }
}
