using LeadGrid.Application.Common;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Demo;
using LeadGrid.Api.Docs;
using LeadGrid.Api.Endpoints;
using LeadGrid.Api.Errors;
using LeadGrid.Api.Http;
using LeadGrid.Api.Logging;
using LeadGrid.Api.OpenApi;
using LeadGrid.Api.Pages;
using Microsoft.AspNetCore.OpenApi;
using LeadGrid.Application;
using LeadGrid.Infrastructure;
using LeadGrid.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

var builder = WebApplication.CreateBuilder(args);
// The log levels of appsettings.json, also when the process runs from another directory (its content root is then
// elsewhere and appsettings.json is not read): without them every request writes four Information lines.
builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // The access log: one line per request (see AccessLogMiddleware), also where the default level is raised.
        [$"Logging:LogLevel:{AccessLogMiddleware.Category}"] = "Information",
        // A failed authentication is logged once, by AuthenticationFailureLog, not twice by the framework's handler.
        ["Logging:LogLevel:LeadGrid.Api.Auth.ApiKeyAuthenticationHandler"] = "Warning",
        ["Logging:LogLevel:LeadGrid.Api.Auth.AdminTokenAuthenticationHandler"] = "Warning",
        ["Logging:LogLevel:FluentMigrator"] = "Warning",
        // JSON lines by default; Logging__Console__FormatterName=simple (or systemd) for people reading a terminal.
        ["Logging:Console:FormatterName"] = "json",
        // Scopes off: four of them (trace, connection, hosting, X-Request-Id) on every access line cost ~25% of the
        // throughput of a point read (bench, 2026-11-30). The lines about a request name its RequestId themselves;
        // Logging__Console__FormatterOptions__IncludeScopes=true brings the scopes back, X-Request-Id among them.
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "false",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
    },
});

builder.Logging.ClearProviders();
builder.Logging.AddConsole();

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = BodyLimits.MaxBodyBytes; // JSON bodies get a lower limit of their own
});
builder.Services.AddSingleton(BodyLimits.From(builder.Configuration));
builder.Services.AddAccessLog();
builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);

builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
    .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddSingleton<FailedAuthentications>();
builder.Services.AddAuthorization();
builder.Services.AddMemberSessions(builder.Environment, builder.Configuration);
builder.Services.AddRazorPages();
builder.Services.AddSingleton<IAuthorizationHandler, PlanRequirementHandler>();
builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, EnvelopeAuthorizationResultHandler>();

builder.Services.AddExceptionHandler<ErrorEnvelopeHandler>();
var publicUrl = builder.Configuration["Api:PublicUrl"];
builder.Services.AddOpenApi("v1", o =>
{
    var included = o.ShouldInclude;
    o.ShouldInclude = description => !HttpMethods.IsHead(description.HttpMethod ?? "") && included(description);
    o.CreateSchemaReferenceId = type => type.Type == typeof(PdfFile) ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
    o.AddOperationTransformer<OperationTransformer>();
    o.AddSchemaTransformer<SchemaTransformer>();
    o.AddDocumentTransformer(new DocumentTransformer(publicUrl));
});

var app = builder.Build();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    DatabaseMigrator.MigrateUp(LeadGrid.Infrastructure.DependencyInjection.ConnectionString(app.Configuration), app.Services.GetRequiredService<ILoggerFactory>());

app.UseAccessLog();
app.UseMiddleware<RequestIdMiddleware>();
app.UseProtectiveHeaders();
app.UseExceptionHandler(fallback => fallback.Run(context =>
    ErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal", "An unexpected error occurred. It is safe to retry.")));
app.UseStatusCodePages(ErrorWriter.ForBodilessStatus);
app.UseAdminGate();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<RateLimitMiddleware>();
app.UseMiddleware<IdempotencyMiddleware>();

var routes = app.MapGroup("").AllowHead().AnswersNotFoundForIds();
routes.MapOpenApi("/openapi/{documentName}.json");
routes.MapDocs();
routes.MapHealthEndpoints();
routes.MapFlowEndpoints();
routes.MapContactEndpoints();
routes.MapDossierEndpoints();
routes.MapAdminEndpoints();
routes.MapAdminWebhookEndpoints();
app.MapRazorPages();
routes.MapPageAssets();

if (app.Configuration.GetValue("Demo:Seed", false))
    await DemoSeeder.SeedAsync(app.Services, app.Configuration["urls"]?.Split(';')[0] ?? "http://127.0.0.1:5080", CancellationToken.None);

await app.RunAsync();

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
