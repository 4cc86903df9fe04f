using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

/// <summary>An organization's keys, newest first, without secrets.</summary>
public sealed record ListApiKeys(Guid OrganizationId, PageRequest Page) : IRequest<Paged<ApiKeyDetails>>;

internal sealed class ListApiKeysHandler(IDbSession session) : IRequestHandler<ListApiKeys, Paged<ApiKeyDetails>>
{
    public async Task<Paged<ApiKeyDetails>> Handle(ListApiKeys query, CancellationToken ct)
    {
        var spec = new SqlSpec("k.created_at", "k.id")
            .Where("k.org_id = @org", new { org = query.OrganizationId })
            .OrderBy("k.created_at", descending: true).OrderBy("k.id", descending: true)
            .Page(query.Page);
        return await session.QueryPageAsync<ApiKeyDetails>(spec, """
            SELECT k.id, k.name, k.prefix, k.scopes, k.expires_at AS ExpiresAt, k.last_used_at AS LastUsedAt,
                   k.revoked_at AS RevokedAt, k.created_at AS CreatedAt
            FROM api_keys k
            """, "FROM api_keys k", ct, new ParentCheck("SELECT 1 FROM organizations WHERE id = @org", "Organization"));
    }
}
