using System.Security.Claims;
using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using LeadGrid.Api.Errors;
using System.ComponentModel.DataAnnotations;
using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using System.ComponentModel;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Contacts;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace LeadGrid.Api.Endpoints;

/// <summary>SPEC §5. Writes answer with the contact as read back after the commit, dossier_count included.</summary>
internal static class ContactEndpoints
{
    public static void MapContactEndpoints(this IEndpointRouteBuilder app)
    {
        var contacts = app.MapGroup("/api/v1/contacts").WithTags("Contacts");

        contacts.MapGet("", async (
                    [FromQuery(Name = "kind"), ClosedSet(typeof(ContactKind)), Description("Repeat for contacts having any of the kinds.")] string[]? kind,
                    [ClosedSet(null, ListContacts.InPool, ListContacts.Expired, Name = "ContactPool",
                        Description = "in_pool: the talent-pool window ends in the future; expired: it has ended."),
                     Description("in_pool: pool_until is in the future; expired: in the past.")] string? pool,
                    [MaxLength(ListContacts.SearchMaxLength), Description("Words (at most 10); each must start a word of full_name, email (also its parts " +
                        "between @ . _ - +), company or role. Case- and accent-insensitive: 'soph müll' finds Sophie Müller, 'ller' does not.")] string? search,
                    Paging paging,
                    ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListContacts(user.OrganizationIdOf(), kind ?? [], pool, search, paging.Value), ct)))
            .RequireScopes(Scopes.ContactsRead)
            .WithName("ListContacts").WithMetadata(PagingMetadata.ByCursor)
            .WithSummary("List contacts")
            .WithDescription("Newest first. Filters: kind (repeat for any-of: candidate, prospect, client, supplier, partner), " +
                             "pool (in_pool: pool_until in the future; expired: in the past), search (every word the start of a " +
                             "word of full_name, email, company or role; case- and accent-insensitive). Paginated; meta.total counts " +
                             "every match, up to 1,000 with search or pool.");

        contacts.MapPost("", async (Json<CreateContact> body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var org = user.OrganizationIdOf();
                var id = await mediator.Send(body.Value with { OrganizationId = org }, ct);
                return ApiResults.Created($"/api/v1/contacts/{id}", await mediator.Send(new GetContact(org, id), ct));
            })
            .RequireScopes(Scopes.ContactsWrite)
            .Answers(DuplicateContact)
            .WithName("CreateContact")
            .WithSummary("Create a contact")
            .WithDescription("full_name is required. An email already used in the organization, in any case, is 409 duplicate_contact.");

        contacts.MapGet("{id}", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetContact(user.OrganizationIdOf(), ContactId(id)), ct)))
            .RequireScopes(Scopes.ContactsRead)
            .WithName("GetContact")
            .WithSummary("Get a contact")
            .WithDescription("Includes dossier_count, the number of dossiers the contact is linked to.");

        contacts.MapPatch("{id}", async (string id, Json<UpdateContact> body, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
            {
                var org = user.OrganizationIdOf();
                var contactId = ContactId(id);
                await mediator.Send(body.Value with { OrganizationId = org, ContactId = contactId }, ct);
                return ApiResults.Data(await mediator.Send(new GetContact(org, contactId), ct));
            })
            .RequireScopes(Scopes.ContactsWrite)
            .Answers(DuplicateContact)
            .WithName("UpdateContact")
            .WithSummary("Update a contact")
            .WithDescription("Send only the fields to change; null clears an optional field; kind replaces the whole set. " +
                             "Email uniqueness as on create.");

        contacts.MapDelete("{id}", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new DeleteContact(user.OrganizationIdOf(), ContactId(id)), ct)))
            .RequireScopes(Scopes.ContactsWrite)
            .WithName("DeleteContact")
            .WithSummary("Delete a contact")
            .WithDescription("Permanent. Its links to dossiers go with it; the dossiers stay.");
    }

    private static readonly ErrorAnswer DuplicateContact =
        new(409, ErrorCodes.DuplicateContact, "another contact of the organization has this email (in any case); param is email.");

    private static Guid ContactId(string raw) => RouteId.Parse(raw, "Contact");
}
