using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Organizations;
using MediatR;

namespace LeadGrid.Api.Endpoints;

/// <summary>The operator API (SPEC §12): organizations, members and API keys. Authenticated by the Admin:Token.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/organizations").WithTags("Admin")
            .RequireAuthorization(AdminTokenAuthenticationHandler.Policy);

        admin.MapPost("", async (Json<CreateOrganization> body, IMediator mediator, CancellationToken ct) =>
            {
                var organization = await mediator.Send(body.Value, ct);
                return ApiResults.Created($"/admin/v1/organizations/{organization.Id}", organization);
            })
            .WithSummary("Create an organization").WithDescription("Body {name, plan}; also creates its two default flows.");

        admin.MapGet("", async (Paging paging, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListOrganizations(paging.Value), ct)))
            .WithSummary("List organizations");

        admin.MapGet("{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetOrganization(OrganizationId(id)), ct)))
            .WithSummary("Get an organization");

        admin.MapPatch("{id}", async (string id, Json<UpdateOrganization> body, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(body.Value with { OrganizationId = OrganizationId(id) }, ct)))
            .WithSummary("Update an organization").WithDescription("Body {name?, plan?}.");

        admin.MapPost("{id}/members", async (string id, Json<AddMember> body, IMediator mediator, CancellationToken ct) =>
            {
                var orgId = OrganizationId(id);
                var member = await mediator.Send(body.Value with { OrganizationId = orgId }, ct);
                return ApiResults.Created($"/admin/v1/organizations/{orgId}/members/{member.Id}", member);
            })
            .WithSummary("Add a member").WithDescription("Body {email, full_name}; 409 duplicate_member when the email is taken.");

        admin.MapGet("{id}/members/{memberId}", async (string id, string memberId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetMember(OrganizationId(id), RouteId.Parse(memberId, "Member")), ct)))
            .WithSummary("Get a member");

        admin.MapPost("{id}/api-keys", async (string id, Json<CreateApiKey> body, IMediator mediator, CancellationToken ct) =>
            {
                var orgId = OrganizationId(id);
                var key = await mediator.Send(body.Value with { OrganizationId = orgId }, ct);
                return ApiResults.Created($"/admin/v1/organizations/{orgId}/api-keys/{key.Id}", key);
            })
            .WithSummary("Create an API key")
            .WithDescription("Body {name, scopes[], expires_at?}. The answer's 'key' is the only time the secret is shown.");

        admin.MapGet("{id}/api-keys", async (string id, Paging paging, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListApiKeys(OrganizationId(id), paging.Value), ct)))
            .WithSummary("List API keys").WithDescription("Newest first, without secrets, with last_used_at and revoked_at.");

        admin.MapGet("{id}/api-keys/{keyId}", async (string id, string keyId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetApiKey(OrganizationId(id), RouteId.Parse(keyId, "API key")), ct)))
            .WithSummary("Get an API key");

        admin.MapDelete("{id}/api-keys/{keyId}", async (string id, string keyId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new RevokeApiKey(OrganizationId(id), RouteId.Parse(keyId, "API key")), ct)))
            .WithSummary("Revoke an API key")
            .WithDescription("Sets revoked_at. This server refuses the key at once; other instances within 30 seconds.");
    }

    private static Guid OrganizationId(string raw) => RouteId.Parse(raw, "Organization");
}
