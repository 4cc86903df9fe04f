namespace LeadGrid.Domain.ApiKeys;

public interface IApiKeyRepository
{
    Task<ApiKey?> GetAsync(Guid organizationId, Guid id, CancellationToken ct);
    Task AddAsync(ApiKey key, CancellationToken ct);
    Task UpdateAsync(ApiKey key, CancellationToken ct);
}
