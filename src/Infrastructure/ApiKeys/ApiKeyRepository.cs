using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.ApiKeys;

internal sealed class ApiKeyRepository(IDbSession session) : IApiKeyRepository
{
    public async Task<ApiKey?> GetAsync(Guid organizationId, Guid id, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>("""
            SELECT id, org_id AS OrganizationId, name, prefix, secret_hash AS Hash, scopes, expires_at AS ExpiresAt,
                   revoked_at AS RevokedAt, last_used_at AS LastUsedAt, created_at AS CreatedAt
            FROM api_keys WHERE org_id = @organizationId AND id = @id
            """, new { organizationId, id }, ct);
        if (row is null) return null;
        var key = ApiKey.Restore(row.Id, row.OrganizationId, row.Name, row.Prefix, row.Hash, row.Scopes, row.ExpiresAt,
            row.RevokedAt, row.LastUsedAt, row.CreatedAt);
        session.Track(key);
        return key;
    }

    public async Task AddAsync(ApiKey k, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO api_keys (id, org_id, name, prefix, secret_hash, scopes, expires_at, created_at)
            VALUES (@Id, @OrganizationId, @Name, @Prefix, @Hash, @scopes, @ExpiresAt, @CreatedAt)
            """, new { k.Id, k.OrganizationId, k.Name, k.Prefix, k.Hash, scopes = k.Scopes.ToArray(), k.ExpiresAt, k.CreatedAt }, ct);
        session.Track(k);
    }

    public Task UpdateAsync(ApiKey k, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE api_keys SET revoked_at = @RevokedAt WHERE org_id = @OrganizationId AND id = @Id",
            new { k.Id, k.OrganizationId, k.RevokedAt }, ct);

    private sealed record Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public required string Name { get; init; }
        public required string Prefix { get; init; }
        public required byte[] Hash { get; init; }
        public required string[] Scopes { get; init; }
        public DateTimeOffset? ExpiresAt { get; init; }
        public DateTimeOffset? RevokedAt { get; init; }
        public DateTimeOffset? LastUsedAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }
}
