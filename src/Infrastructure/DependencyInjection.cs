using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;
using LeadGrid.Infrastructure.ApiKeys;
using LeadGrid.Infrastructure.Contacts;
using LeadGrid.Infrastructure.Database;
using LeadGrid.Infrastructure.Dossiers;
using LeadGrid.Infrastructure.Flows;
using LeadGrid.Infrastructure.Organizations;
using LeadGrid.Infrastructure.RateLimits;
using LeadGrid.Infrastructure.Idempotency;
using LeadGrid.Application.Idempotency;
using LeadGrid.Application.Organizations;
using LeadGrid.Application.RateLimits;
using LeadGrid.Infrastructure.Storage;
using LeadGrid.Infrastructure.Webhooks;
using LeadGrid.Application.Webhooks;
using LeadGrid.Domain.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace LeadGrid.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = ConnectionString(configuration);
        services.TryAddSingleton<TimeProvider>(new DatabaseClock());
        services.AddSingleton(_ => CreateDataSource(connectionString));
        services.AddScoped<DbSession>();
        services.AddScoped<IDbSession>(sp => sp.GetRequiredService<DbSession>());
        services.AddScoped<IListReader, ListReader>();
        services.AddSingleton<IDatabaseErrorTranslator, PostgresErrors>();
        services.AddSingleton<IFileStorage, LocalFileStorage>();

        services.AddScoped<IOrganizationRepository, OrganizationRepository>();
        services.AddScoped<IApiKeyRepository, ApiKeyRepository>();
        services.AddSingleton<Flows.FlowCache>();
        services.AddScoped<IFlowRepository, FlowRepository>();
        services.AddScoped<IContactRepository, ContactRepository>();
        services.AddScoped<IDossierRepository, DossierRepository>();
        services.AddScoped<INoteRepository, NoteRepository>();

        services.AddSingleton<IApiKeyCache, ApiKeyCache>();
        services.AddSingleton<ApiKeyUsageTracker>();
        services.AddSingleton<IApiKeyUsage>(sp => sp.GetRequiredService<ApiKeyUsageTracker>());
        services.AddSingleton<ApiKeyUsageFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsageFlusher>());

        var webhooks = WebhookOptions.From(configuration);
        services.AddSingleton(webhooks);
        services.AddScoped<IWebhookEndpointRepository, WebhookEndpointRepository>();
        services.AddScoped<IWebhookDeliveryRepository, WebhookDeliveryRepository>();
        services.AddScoped<IWebhookQueue, WebhookQueue>();
        services.TryAddSingleton<IHostResolver, SystemHostResolver>();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<IWebhookUrlGuard>(sp => sp.GetRequiredService<WebhookTargets>());
        services.AddSingleton<WebhookDispatchSignal>();
        services.AddSingleton<IWebhookDispatchSignal>(sp => sp.GetRequiredService<WebhookDispatchSignal>());
        services.AddKeyedSingleton(WebhookStore.DataSourceKey, (_, _) => WebhookStore.CreateDataSource(connectionString));
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookSender>();
        if (webhooks.Dispatch)
        {
            services.AddSingleton<WebhookDispatcher>();
            services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        }

        services.AddScoped<IMemberInvites, MemberInvites>();
        services.AddScoped<ISignInStore, SignInStore>();
        services.AddSingleton<IPasswordHashing, PasswordHashing>();
        services.AddScoped<IIdempotencyStore, IdempotencyStore>();
        services.AddHostedService<IdempotencyKeyPruner>();

        var rateLimits = RateLimitConfiguration.From(configuration);
        services.AddSingleton(rateLimits);
        if (rateLimits.Store == "redis")
        {
            var redis = configuration.GetConnectionString("Redis") is { Length: > 0 } r
                ? r
                : throw new InvalidOperationException("RateLimits:Store is 'redis' but ConnectionStrings:Redis is not set.");
            services.AddSingleton<IRateLimitStore>(sp => new RedisRateLimitStore(redis, sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<RedisRateLimitStore>>()));
        }
        else
            services.AddSingleton<IRateLimitStore, InMemoryRateLimitStore>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return services;
    }

    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString("LeadGrid") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "ConnectionStrings:LeadGrid is not set. Start the server with ./build.sh run (embedded database) " +
                "or set ConnectionStrings__LeadGrid.");

    /// <summary>
    /// Server-side limits of every session, before any the connection string's Options give (theirs win): a statement
    /// waiting for a row lock gives up after 4 s, so a request behind a long transaction answers 503 within 5 s instead
    /// of waiting for the 15 s client timeout; and no statement runs longer than 15 s, matching that client timeout,
    /// so the server stops a runaway statement even when the client that sent it is gone. Migrations use their own
    /// connection without these.
    /// </summary>
    public const string SessionLimits = "-c lock_timeout=4s -c statement_timeout=15s";

    /// <summary>
    /// One data source for the process. Unless the connection string says otherwise: statements auto-prepared and no
    /// session reset when a connection returns to the pool (together about 2× on point reads, measured here), a
    /// 5-second wait for a connection and a 15-second statement timeout, so an overloaded or unreachable database
    /// gives a prompt 503, never a hang.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var csb = builder.ConnectionStringBuilder;
        var given = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2)[0].Replace(" ", "").Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("MaxAutoPrepare")) csb.MaxAutoPrepare = 64;
        if (!given.Contains("NoResetOnClose")) csb.NoResetOnClose = true;
        if (!given.Contains("Timeout")) csb.Timeout = 5;
        if (!given.Contains("CommandTimeout")) csb.CommandTimeout = 15;
        if (!given.Contains("ApplicationName")) csb.ApplicationName = "leadgrid";
        csb.Options = $"{SessionLimits} {csb.Options}".Trim();
        return builder.Build();
    }
}
