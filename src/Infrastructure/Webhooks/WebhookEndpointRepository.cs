using LeadGrid.Application.Common;
using LeadGrid.Domain.Webhooks;
using LeadGrid.Infrastructure.Database;

namespace LeadGrid.Infrastructure.Webhooks;

internal sealed class WebhookEndpointRepository(IDbSession session) : IWebhookEndpointRepository
{
    private const string Columns = """
        id AS Id, org_id AS OrganizationId, url AS Url, events AS Events, secret AS Secret, previous_secret AS PreviousSecret,
        previous_secret_expires_at AS PreviousSecretExpiresAt, disabled_reason AS DisabledReason,
        failing_since AS FailingSince, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    // NO KEY UPDATE: the change never touches the key, so it does not block the foreign-key checks of a fan-out.
    public Task<WebhookEndpoint?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        LoadAsync($"SELECT {Columns} FROM webhook_endpoints WHERE org_id = @organizationId AND id = @id FOR NO KEY UPDATE",
            organizationId, id, ct);

    public Task<WebhookEndpoint?> GetAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        LoadAsync($"SELECT {Columns} FROM webhook_endpoints WHERE org_id = @organizationId AND id = @id", organizationId, id, ct);

    private async Task<WebhookEndpoint?> LoadAsync(string sql, Guid organizationId, Guid id, CancellationToken ct)
    {
        var row = await session.QuerySingleOrDefaultAsync<Row>(sql, new { organizationId, id }, ct);
        if (row is null) return null;
        var endpoint = WebhookEndpoint.Restore(row.Id, row.OrganizationId, row.Url, row.Events, row.Secret, row.PreviousSecret,
            row.PreviousSecretExpiresAt,
            row.DisabledReason is null ? null : WireNames<EndpointDisabledReason>.Parse(row.DisabledReason, nameof(Row.DisabledReason)), row.FailingSince, row.CreatedAt, row.UpdatedAt);
        session.Track(endpoint);
        return endpoint;
    }

    public async Task AddAsync(WebhookEndpoint e, CancellationToken ct)
    {
        await session.ExecuteAsync("""
            INSERT INTO webhook_endpoints (id, org_id, url, events, secret, previous_secret, previous_secret_expires_at,
                                           enabled, disabled_reason, failing_since, created_at, updated_at)
            VALUES (@Id, @OrganizationId, @Url, @Events, @Secret, @PreviousSecret, @PreviousSecretExpiresAt,
                    @Enabled, @DisabledReason, @FailingSince, @CreatedAt, @UpdatedAt);
            INSERT INTO webhook_endpoint_queue (endpoint_id, due_at) VALUES (@Id, NULL);
            """, Parameters(e), ct);
        session.Track(e);
    }

    public Task UpdateAsync(WebhookEndpoint e, CancellationToken ct) =>
        session.ExecuteAsync("""
            UPDATE webhook_endpoints SET url = @Url, events = @Events, secret = @Secret, previous_secret = @PreviousSecret,
                   previous_secret_expires_at = @PreviousSecretExpiresAt, enabled = @Enabled, disabled_reason = @DisabledReason,
                   failing_since = @FailingSince, updated_at = @UpdatedAt
            WHERE org_id = @OrganizationId AND id = @Id
            """, Parameters(e), ct);

    public async Task<bool> DeleteAsync(Guid organizationId, Guid id, CancellationToken ct) =>
        await session.ExecuteAsync("DELETE FROM webhook_endpoints WHERE org_id = @organizationId AND id = @id",
            new { organizationId, id }, ct) == 1;

    private static object Parameters(WebhookEndpoint e) => new
    {
        e.Id, e.OrganizationId, Url = e.Url.Value, Events = e.Events.ToArray(), e.Secret, e.PreviousSecret,
        e.PreviousSecretExpiresAt, e.Enabled, DisabledReason = e.DisabledReason?.ToName(), e.FailingSince, e.CreatedAt, e.UpdatedAt,
    };

    private sealed record Row
    {
        public Guid Id { get; init; }
        public Guid OrganizationId { get; init; }
        public string Url { get; init; } = "";
        public string[] Events { get; init; } = [];
        public string Secret { get; init; } = "";
        public string? PreviousSecret { get; init; }
        public DateTimeOffset? PreviousSecretExpiresAt { get; init; }
        public string? DisabledReason { get; init; }
        public DateTimeOffset? FailingSince { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
    }
}
