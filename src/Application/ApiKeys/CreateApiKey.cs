using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.ApiKeys;

/// <summary>Issues a key; its plaintext is in the answer and nowhere else.</summary>
public sealed record CreateApiKey(string? Name, [property: ClosedSet(typeof(Scopes), Name = "Scope")] string?[]? Scopes, DateTimeOffset? ExpiresAt = null) : ICommand<CreatedApiKey>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class CreateApiKeyHandler(IOrganizationRepository organizations, IApiKeyRepository keys,
    IApiKeyCache keyCache, IDbSession session, TimeProvider clock) : IRequestHandler<CreateApiKey, CreatedApiKey>
{
    public async Task<CreatedApiKey> Handle(CreateApiKey command, CancellationToken ct)
    {
        _ = await organizations.GetAsync(command.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var (key, token) = ApiKey.Issue(command.OrganizationId, command.Name, command.Scopes, command.ExpiresAt, clock.GetUtcNow());
        await keys.AddAsync(key, ct);
        session.AfterCommit(() => keyCache.Evict(key.Hash)); // a cached "unknown" for this hash must not linger
        return new CreatedApiKey(key.Id, key.Name, token, key.Prefix, key.Scopes.ToArray(), key.ExpiresAt, key.CreatedAt);
    }
}
