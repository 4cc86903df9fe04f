using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

public sealed record GetApiKey(Guid OrganizationId, Guid KeyId) : IRequest<ApiKeyDetails>;

internal sealed class GetApiKeyHandler(IDbSession session) : IRequestHandler<GetApiKey, ApiKeyDetails>
{
    public async Task<ApiKeyDetails> Handle(GetApiKey query, CancellationToken ct) =>
        await session.GetAsync<ApiKeyDetails>(query.OrganizationId, query.KeyId, "API key", ct);
}
