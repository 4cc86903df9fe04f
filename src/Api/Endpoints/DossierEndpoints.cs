using System.Security.Claims;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using LeadGrid.Application.Common;
using LeadGrid.Application.Dossiers;
using System.ComponentModel;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Dossiers;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace LeadGrid.Api.Endpoints;

/// <summary>SPEC §4, §6, §8. Writes answer with the dossier as committed (the state its events carry; a GET reads the same).</summary>
internal static class DossierEndpoints
{
    public static void MapDossierEndpoints(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/v1/dossiers").WithTags("Dossiers");

        dossiers.MapGet("", async (
                    [ClosedSet(typeof(DossierType)), Description("Only this type.")] string? type,
                    [FromQuery(Name = "status"), ClosedSet(typeof(DossierStatus), ListDossiers.AllStatuses, Name = "DossierStatusFilter",
                        Description = "A status to list, or all of them (archived included)."),
                     Description("Repeat for any of several statuses, or 'all' for every status. Without it, archived dossiers are left out.")]
                    string[]? status,
                    [FromQuery(Name = "stage_id"), QueryValue(typeof(Guid)), Description("Only dossiers currently in this stage.")] string? stageId,
                    [FromQuery(Name = "assigned_to"), QueryValue(typeof(Guid)), Description("Only dossiers assigned to this member.")] string? assignedTo,
                    [FromQuery(Name = "updated_since"), QueryValue(typeof(DateTimeOffset)),
                     Description("Only what changed at or after this time (RFC 3339 with an offset). With status=all, the way to mirror: archivals included.")]
                    string? updatedSince,
                    [QueryValue(typeof(bool)), Description("true: past the current stage's deadline; false: not (or no deadline).")] string? overdue,
                    Paging paging, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListDossiers(user.OrganizationIdOf(), type, status ?? [],
                    QueryValues.Uuid(stageId, "stage_id"), QueryValues.Uuid(assignedTo, "assigned_to"),
                    QueryValues.Timestamp(updatedSince, "updated_since"), QueryValues.Boolean(overdue, "overdue"), paging.Value), ct)))
            .RequireScopes(Scopes.DossiersRead)
            .WithName("ListDossiers").WithMetadata(PagingMetadata.ByCursor)
            .WithSummary("List dossiers")
            .WithDescription("Newest first. Filters: type, status (without it, archived dossiers are left out), stage_id, " +
                             "assigned_to, updated_since (timestamp, for sync), overdue (true: past the stage deadline). Paginated.");

        dossiers.MapPost("", async (CreateDossierInput body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var dossier = await mediator.Send(body.Command with { OrganizationId = user.OrganizationIdOf() }, ct);
                return ApiResults.Created($"/api/v1/dossiers/{dossier.Id}", dossier);
            })
            .RequireScopes(Scopes.DossiersWrite)
            .WithName("CreateDossier")
            .WithSummary("Create a dossier")
            .WithDescription("type and name are required. Without flow_id the default flow of the type; the dossier starts in " +
                             "its first stage. contact_id links that contact as primary; otherwise the primary contact is found " +
                             "by email or created. Sales-only: contact_person, deal_size, deal_currency. As multipart/form-data " +
                             "with a 'cv' PDF (max 10 MB), dossier, contact, CV and event are one atomic unit. Emits dossier.created.");

        dossiers.MapPost("{id}/cv", async (string id, CvInput body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new UploadCv(user.OrganizationIdOf(), DossierId(id), body.Cv), ct)))
            .RequireScopes(Scopes.DossiersWrite)
            .WithName("UploadCv")
            .WithSummary("Upload a dossier's CV")
            .WithDescription("multipart/form-data with a 'cv' file, or the PDF bytes as application/pdf; at most 10 MB and a PDF " +
                             "(400 otherwise, 413 when larger). Replaces any earlier CV. Emits dossier.updated.");

        dossiers.MapGet("{id}/cv", async (string id, ClaimsPrincipal user, HttpResponse response, IMediator mediator, CancellationToken ct) =>
            {
                var cv = await mediator.Send(new GetCv(user.OrganizationIdOf(), DossierId(id)), ct);
                // Whatever the file holds (a PDF may carry script), a browser saves it and never runs it in our origin.
                response.Headers.ContentDisposition = "attachment; filename=\"cv.pdf\"";
                response.Headers.ContentSecurityPolicy = "sandbox";
                return Results.Stream(cv, "application/pdf");
            })
            .RequireScopes(Scopes.DossiersRead)
            .Produces<PdfFile>(StatusCodes.Status200OK, "application/pdf")
            .WithName("DownloadCv")
            .WithSummary("Download a dossier's CV")
            .WithDescription("The PDF bytes; 404 when the dossier has no CV.");

        dossiers.MapGet("{id}", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetDossier(user.OrganizationIdOf(), DossierId(id)), ct)))
            .RequireScopes(Scopes.DossiersRead)
            .WithName("GetDossier")
            .WithSummary("Get a dossier");

        dossiers.MapPatch("{id}", async (string id, Json<UpdateDossier> body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(body.Value with { OrganizationId = user.OrganizationIdOf(), DossierId = DossierId(id) }, ct)))
            .RequireScopes(Scopes.DossiersWrite)
            .WithName("UpdateDossier")
            .WithSummary("Update a dossier")
            .WithDescription("Any subset of the fields; null clears optional ones (name, status, current_stage_id cannot be " +
                             "null). current_stage_id must be a stage of the dossier's flow. Emits dossier.updated for any real " +
                             "change, also dossier.stage_changed and dossier.deleted (archived) when they apply; nothing when " +
                             "nothing changed.");

        dossiers.MapDelete("{id}", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new ArchiveDossier(user.OrganizationIdOf(), DossierId(id)), ct)))
            .RequireScopes(Scopes.DossiersWrite)
            .WithName("ArchiveDossier")
            .WithSummary("Archive a dossier")
            .WithDescription("Sets status archived; data is kept and PATCHing status restores it. Emits dossier.updated and " +
                             "dossier.deleted; archiving an archived dossier answers 200 and emits nothing.");

        dossiers.MapGet("{id}/contacts", async (string id, Paging paging, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListDossierContacts(user.OrganizationIdOf(), DossierId(id), paging.Value), ct)))
            .RequireScopes(Scopes.ContactsRead)
            .WithName("ListDossierContacts")
            .WithSummary("List a dossier's contacts")
            .WithDescription("Primary first, then by link time. Paginated.");

        dossiers.MapPost("{id}/contacts", async (string id, Json<LinkContact> body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var dossierId = DossierId(id);
                var (link, created) = await mediator.Send(body.Value with { OrganizationId = user.OrganizationIdOf(), DossierId = dossierId }, ct);
                return created
                    ? Results.Created($"/api/v1/dossiers/{dossierId}/contacts/{link.ContactId}", new DataEnvelope<DossierLink>(link))
                    : Results.Ok(new DataEnvelope<DossierLink>(link));
            })
            .RequireScopes(Scopes.DossiersWrite, Scopes.ContactsWrite)
            .Produces<DataEnvelope<DossierLink>>(StatusCodes.Status201Created)
            .Produces<DataEnvelope<DossierLink>>()
            .WithName("LinkContact")
            .WithSummary("Link a contact to a dossier")
            .WithDescription("contact_id and role_on_dossier are required; is_primary (default false) demotes the previous " +
                             "primary. A new link is 201; linking an already linked contact updates its role and flag (200).");

        dossiers.MapDelete("{id}/contacts/{contactId}", async (string id, string contactId, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new UnlinkContact(user.OrganizationIdOf(), DossierId(id),
                    RouteId.Parse(contactId, "Contact link")), ct)))
            .RequireScopes(Scopes.DossiersWrite, Scopes.ContactsWrite)
            .WithName("UnlinkContact")
            .WithSummary("Unlink a contact from a dossier")
            .WithDescription("The contact stays. 404 when it is not linked.");

        dossiers.MapGet("{id}/notes", async (string id, Paging paging, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListNotes(user.OrganizationIdOf(), DossierId(id), paging.Value), ct)))
            .RequireScopes(Scopes.NotesRead)
            .WithName("ListNotes").WithMetadata(PagingMetadata.ByCursor)
            .WithSummary("List a dossier's notes")
            .WithDescription("Oldest first. Paginated.");

        dossiers.MapPost("{id}/notes", async (string id, Json<AddNote> body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var dossierId = DossierId(id);
                var note = await mediator.Send(body.Value with { OrganizationId = user.OrganizationIdOf(), DossierId = dossierId }, ct);
                return ApiResults.Created($"/api/v1/dossiers/{dossierId}/notes/{note.Id}", note);
            })
            .RequireScopes(Scopes.NotesWrite)
            .WithName("AddNote")
            .WithSummary("Add a note to a dossier")
            .WithDescription("content is required and cannot be empty; is_internal defaults to true. Emits note.created.");
    }

    private static Guid DossierId(string raw) => RouteId.Parse(raw, "Dossier");
}
