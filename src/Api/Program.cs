using LeadGrid.Application.Common;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Demo;
using LeadGrid.Api.Endpoints;
using LeadGrid.Api.Errors;
using LeadGrid.Api.Http;
using LeadGrid.Api.OpenApi;
using LeadGrid.Application;
using LeadGrid.Infrastructure;
using LeadGrid.Infrastructure.Database;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

var builder = WebApplication.CreateBuilder(args);

builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o =>
{
    o.IncludeScopes = true;
    o.UseUtcTimestamp = true;
    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
});

builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);

builder.Services.AddAuthentication()
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
    .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();
builder.Services.AddSingleton<IAuthorizationHandler, PlanRequirementHandler>();
builder.Services.AddSingleton<IAuthorizationHandler, ScopeRequirementHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, EnvelopeAuthorizationResultHandler>();

builder.Services.AddExceptionHandler<ErrorEnvelopeHandler>();
builder.Services.AddOpenApi("v1", o =>
{
    o.AddOperationTransformer<ErrorsAndScopesTransformer>();
    o.AddSchemaTransformer<ApiJsonSchemaTransformer>();
    o.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "LeadGrid API";
        document.Info.Version = "v1";
        document.Info.Description = "Dossiers, contacts, flows and notes for recruiting and sales. " +
                                    "Authenticate with 'Authorization: Bearer lg_live_…'.";
        return Task.CompletedTask;
    });
});

var app = builder.Build();

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
    DatabaseMigrator.MigrateUp(LeadGrid.Infrastructure.DependencyInjection.ConnectionString(app.Configuration), app.Services.GetRequiredService<ILoggerFactory>());

app.UseMiddleware<RequestIdMiddleware>();
app.UseExceptionHandler(fallback => fallback.Run(context =>
    ErrorWriter.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal", "An unexpected error occurred. It is safe to retry.")));
app.UseStatusCodePages(ErrorWriter.ForBodilessStatus);
app.UseAdminGate();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json");
app.MapDocs();
app.MapHealthEndpoints();
app.MapFlowEndpoints();
app.MapContactEndpoints();
app.MapDossierEndpoints();
app.MapAdminEndpoints();
app.MapAdminWebhookEndpoints();

if (app.Configuration.GetValue("Demo:Seed", false))
    await DemoSeeder.SeedAsync(app.Services, app.Configuration["urls"]?.Split(';')[0] ?? "http://127.0.0.1:5080", CancellationToken.None);

await app.RunAsync();

/// <summary>The entry point, visible to the API tests' WebApplicationFactory.</summary>
public partial class Program;
