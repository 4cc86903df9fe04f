using System.Text.Json.Serialization;
using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;

namespace LeadGrid.Application.ApiKeys;

/// <summary>A key as the admin API lists it: never the secret.</summary>
[RowSource("api_keys k", Key = "k.id")]
public sealed record ApiKeyDetails : IKeysetRow
{
    [Column("k.id")] public required Guid Id { get; init; }
    [Column("k.name")] public required string Name { get; init; }
    [Column("k.prefix")] public required string Prefix { get; init; }
    [Column("k.scopes"), ClosedSet(typeof(Scopes), Name = "Scope")] public required string[] Scopes { get; init; }
    [Column("k.expires_at")] public DateTimeOffset? ExpiresAt { get; init; }
    [Column("k.last_used_at")] public DateTimeOffset? LastUsedAt { get; init; }
    [Column("k.revoked_at")] public DateTimeOffset? RevokedAt { get; init; }
    [Column("k.created_at")] public DateTimeOffset CreatedAt { get; init; }

    [JsonIgnore, Column("k.org_id", Selected = false)] public Guid OrganizationId { get; init; }

    public static ApiKeyDetails From(ApiKey k) => new()
    {
        Id = k.Id, Name = k.Name, Prefix = k.Prefix, Scopes = k.Scopes.ToArray(), ExpiresAt = k.ExpiresAt, LastUsedAt = k.LastUsedAt,
        RevokedAt = k.RevokedAt, CreatedAt = k.CreatedAt, OrganizationId = k.OrganizationId,
    };
}

/// <summary>The answer to creating a key: the only time <see cref="Key"/> is shown.</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Key, string Prefix, [property: ClosedSet(typeof(Scopes), Name = "Scope")] string[] Scopes,
    DateTimeOffset? ExpiresAt, DateTimeOffset CreatedAt);
