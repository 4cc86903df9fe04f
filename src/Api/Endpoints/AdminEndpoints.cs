using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using LeadGrid.Api.Errors;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Organizations;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Api.Endpoints;

/// <summary>The operator API (SPEC §12): organizations, members and API keys. Authenticated by the Admin:Token.</summary>
internal static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin/v1/organizations").WithTags("Admin")
            .RequireAuthorization(AdminTokenAuthenticationHandler.Policy).Answers(ErrorAnswers.Operator);

        admin.MapPost("", async (Json<CreateOrganization> body, IMediator mediator, CancellationToken ct) =>
            {
                var organization = await mediator.Send(body.Value, ct);
                return ApiResults.Created($"/admin/v1/organizations/{organization.Id}", organization);
            })
            .WithName("CreateOrganization").WithSummary("Create an organization").WithDescription("Body {name, plan}; also creates its two default flows.");

        admin.MapGet("", async (Paging paging, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListOrganizations(paging.Value), ct)))
            .WithName("ListOrganizations").WithMetadata(PagingMetadata.ByCursor).WithSummary("List organizations");

        admin.MapGet("{id}", async (string id, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetOrganization(OrganizationId(id)), ct)))
            .WithName("GetOrganization").WithSummary("Get an organization");

        admin.MapPatch("{id}", async (string id, Json<UpdateOrganization> body, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(body.Value with { OrganizationId = OrganizationId(id) }, ct)))
            .WithName("UpdateOrganization").WithSummary("Update an organization").WithDescription("Body {name?, plan?}.");

        admin.MapPost("{id}/members", async (string id, Json<AddMember> body, HttpContext context, IMediator mediator, CancellationToken ct) =>
            {
                var orgId = OrganizationId(id);
                var added = await mediator.Send(body.Value with { OrganizationId = orgId }, ct);
                return ApiResults.Created($"/admin/v1/organizations/{orgId}/members/{added.Member.Id}",
                    new InvitedMember(added.Member, InviteUrl(context, added.Invite), added.Invite.ExpiresAt));
            })
            .Answers(new ErrorAnswer(409, ErrorCodes.DuplicateMember, "another member of the organization has this email; param is email."))
            .WithName("AddMember").WithSummary("Add a member")
            .WithDescription("Body {email, full_name, role?} (role: admin or member; the organization's first member is its admin). " +
                             "The answer's invite_url (valid 7 days, used once) is where the member sets a password for Settings → API. " +
                             "409 duplicate_member when the email is taken.");

        admin.MapPost("{id}/members/{memberId}/invite", async (string id, string memberId, HttpContext context, IMediator mediator, CancellationToken ct) =>
            {
                var invite = await mediator.Send(new IssueMemberInvite(OrganizationId(id), RouteId.Parse(memberId, "Member")), ct);
                return ApiResults.Data(new InviteLink(InviteUrl(context, invite), invite.ExpiresAt));
            })
            .WithName("IssueMemberInvite").WithSummary("Send a member a new invite")
            .WithDescription("A new one-time invite_url (valid 7 days); the member's earlier invites stop working.");

        admin.MapGet("{id}/members/{memberId}", async (string id, string memberId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetMember(OrganizationId(id), RouteId.Parse(memberId, "Member")), ct)))
            .WithName("GetMember").WithSummary("Get a member");

        admin.MapPost("{id}/api-keys", async (string id, Json<CreateApiKey> body, IMediator mediator, CancellationToken ct) =>
            {
                var orgId = OrganizationId(id);
                var key = await mediator.Send(body.Value with { OrganizationId = orgId }, ct);
                return ApiResults.Created($"/admin/v1/organizations/{orgId}/api-keys/{key.Id}", key);
            })
            .WithName("CreateApiKey").WithSummary("Create an API key")
            .WithDescription("Body {name, scopes[], expires_at?}. The answer's 'key' is the only time the secret is shown.");

        admin.MapGet("{id}/api-keys", async (string id, Paging paging, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListApiKeys(OrganizationId(id), paging.Value), ct)))
            .WithName("ListApiKeys").WithMetadata(PagingMetadata.ByCursor).WithSummary("List API keys").WithDescription("Newest first, without secrets, with last_used_at and revoked_at.");

        admin.MapGet("{id}/api-keys/{keyId}", async (string id, string keyId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetApiKey(OrganizationId(id), RouteId.Parse(keyId, "API key")), ct)))
            .WithName("GetApiKey").WithSummary("Get an API key");

        admin.MapDelete("{id}/api-keys/{keyId}", async (string id, string keyId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new RevokeApiKey(OrganizationId(id), RouteId.Parse(keyId, "API key")), ct)))
            .WithName("RevokeApiKey").WithSummary("Revoke an API key")
            .WithDescription("Sets revoked_at. This server refuses the key at once; other instances within 30 seconds.");
    }

    private static Guid OrganizationId(string raw) => RouteId.Parse(raw, "Organization");

    /// <summary>The invite page's URL: under Api:PublicUrl when set, else under the address the operator called.</summary>
    private static string InviteUrl(HttpContext context, MemberInvite invite)
    {
        var configured = context.RequestServices.GetRequiredService<IConfiguration>()["Api:PublicUrl"];
        var root = configured is { Length: > 0 } ? configured.TrimEnd('/') : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        return $"{root}/invite/{invite.Token}";
    }
}

/// <summary>A member just added (SPEC §13): the member and its one-time invite.</summary>
internal sealed record InvitedMember(Guid Id, string Email, string FullName, [property: ClosedSet(typeof(MemberRole))] string Role, bool HasPassword, DateTimeOffset CreatedAt,
    string InviteUrl, DateTimeOffset InviteExpiresAt)
{
    public InvitedMember(MemberDetails member, string inviteUrl, DateTimeOffset expiresAt)
        : this(member.Id, member.Email, member.FullName, member.Role, member.HasPassword, member.CreatedAt, inviteUrl, expiresAt) { }
}

internal sealed record InviteLink(string InviteUrl, DateTimeOffset ExpiresAt);
