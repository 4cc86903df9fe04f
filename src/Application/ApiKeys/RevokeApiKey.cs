using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

/// <summary>Revokes a key; this instance forgets it at once, others within <see cref="IApiKeyCache.MaxAge"/>.</summary>
public sealed record RevokeApiKey(Guid OrganizationId, Guid KeyId) : ICommand<ApiKeyDetails>;

internal sealed class RevokeApiKeyHandler(IApiKeyRepository keys, IApiKeyCache keyCache, IDbSession session, TimeProvider clock)
    : IRequestHandler<RevokeApiKey, ApiKeyDetails>
{
    public async Task<ApiKeyDetails> Handle(RevokeApiKey command, CancellationToken ct)
    {
        var key = await keys.GetAsync(command.OrganizationId, command.KeyId, ct) ?? throw new NotFoundException("API key");
        if (key.Revoke(clock.GetUtcNow()))
        {
            await keys.UpdateAsync(key, ct);
            session.AfterCommit(() => keyCache.Evict(key.Hash));
        }
        return ApiKeyDetails.From(key);
    }
}
