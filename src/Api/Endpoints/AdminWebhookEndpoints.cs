using LeadGrid.Api.Auth;
using LeadGrid.Api.Http;
using LeadGrid.Api.Errors;
using System.ComponentModel;
using LeadGrid.Application.Common;
using LeadGrid.Application.Webhooks;
using LeadGrid.Domain.Webhooks;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace LeadGrid.Api.Endpoints;

/// <summary>The operator API's webhook calls (SPEC §12): endpoints, their deliveries, redelivery, rotation and test events.</summary>
internal static class AdminWebhookEndpoints
{
    public static void MapAdminWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/admin/v1/organizations/{id}").WithTags("Admin: webhooks")
            .RequireAuthorization(AdminTokenAuthenticationHandler.Policy).Answers(ErrorAnswers.Operator);
        var endpoints = organization.MapGroup("webhook-endpoints");

        endpoints.MapPost("", async (string id, Json<CreateWebhookEndpoint> body, IMediator mediator, CancellationToken ct) =>
            {
                var orgId = OrganizationId(id);
                var endpoint = await mediator.Send(body.Value with { OrganizationId = orgId }, ct);
                return ApiResults.Created($"/admin/v1/organizations/{orgId}/webhook-endpoints/{endpoint.Id}", endpoint);
            })
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Add a webhook endpoint")
            .WithDescription("Body {url, events?}: an http(s) URL (public addresses only unless Webhooks:AllowPrivateTargets) and " +
                             "the event types it wants (all five when left out). Answers with the generated signing secret.");

        endpoints.MapGet("", async (string id, Paging paging, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListWebhookEndpoints(OrganizationId(id), paging.Value), ct)))
            .WithName("ListWebhookEndpoints").WithMetadata(PagingMetadata.ByCursor)
            .WithSummary("List webhook endpoints")
            .WithDescription("Newest first, secrets included.");

        endpoints.MapGet("{endpointId}", async (string id, string endpointId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetWebhookEndpoint(OrganizationId(id), EndpointId(endpointId)), ct)))
            .WithName("GetWebhookEndpoint")
            .WithSummary("Get a webhook endpoint")
            .WithDescription("Secret included.");

        endpoints.MapPatch("{endpointId}", async (string id, string endpointId, Json<UpdateWebhookEndpoint> body, IMediator mediator,
                    CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(body.Value with { OrganizationId = OrganizationId(id), EndpointId = EndpointId(endpointId) }, ct)))
            .WithName("UpdateWebhookEndpoint")
            .WithSummary("Change a webhook endpoint")
            .WithDescription("Any of url, events, enabled. Disabling parks its pending deliveries; enabling sends them at once " +
                             "(and ends a failure streak).");

        endpoints.MapDelete("{endpointId}", async (string id, string endpointId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new DeleteWebhookEndpoint(OrganizationId(id), EndpointId(endpointId)), ct)))
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Remove a webhook endpoint")
            .WithDescription("With its deliveries; nothing more is sent to it.");

        endpoints.MapPost("{endpointId}/rotate-secret", async (string id, string endpointId, OptionalJson<RotateWebhookSecret> body,
                    IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(body.Value with { OrganizationId = OrganizationId(id), EndpointId = EndpointId(endpointId) }, ct)))
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate a webhook endpoint's secret")
            .WithDescription("Optional body {old_secret_expires_in}: seconds the old secret keeps signing beside the new one " +
                             "(default 86400, 0 ends it at once, at most 604800). Meanwhile the signature header carries two v1 " +
                             "values, the new one first: t=…,v1=<new>,v1=<old>.");

        endpoints.MapPost("{endpointId}/test", async (string id, string endpointId, IMediator mediator, CancellationToken ct) =>
            {
                var orgId = OrganizationId(id);
                var delivery = await mediator.Send(new SendWebhookTestEvent(orgId, EndpointId(endpointId)), ct);
                return ApiResults.Created($"/admin/v1/organizations/{orgId}/webhook-deliveries/{delivery.Id}", delivery);
            })
            .Answers(EndpointDisabled)
            .WithName("SendWebhookTestEvent")
            .WithSummary("Send a test event")
            .WithDescription("Sends a signed ping event {\"id\",\"type\":\"ping\",\"created_at\",\"data\":{\"endpoint_id\"}} at once, " +
                             "attempted once. Answers with the new delivery; its attempt appears on it. 409 endpoint_disabled " +
                             "when the endpoint is disabled.");

        endpoints.MapGet("{endpointId}/deliveries", async (string id, string endpointId, [FromQuery(Name = "state"), ClosedSet(typeof(DeliveryState)), Description("Repeat for any of several states.")] string[]? state,
                    Paging paging, IMediator mediator, CancellationToken ct) =>
                ApiResults.List(await mediator.Send(new ListWebhookDeliveries(OrganizationId(id), EndpointId(endpointId), state ?? [],
                    paging.Value), ct)))
            .WithName("ListWebhookDeliveries").WithMetadata(PagingMetadata.ByCursor)
            .WithSummary("List an endpoint's deliveries")
            .WithDescription("Newest first, each with its event id and type, state (pending, succeeded, failed) and every attempt " +
                             "(time, status code, duration, error, the first 1 KB of the answer). Filter: state (repeatable).");

        var deliveries = organization.MapGroup("webhook-deliveries");

        deliveries.MapGet("{deliveryId}", async (string id, string deliveryId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new GetWebhookDelivery(OrganizationId(id), DeliveryId(deliveryId)), ct)))
            .WithName("GetWebhookDelivery")
            .WithSummary("Get a webhook delivery")
            .WithDescription("With every attempt.");

        deliveries.MapPost("{deliveryId}/redeliver", async (string id, string deliveryId, IMediator mediator, CancellationToken ct) =>
                ApiResults.Data(await mediator.Send(new RedeliverWebhook(OrganizationId(id), DeliveryId(deliveryId)), ct)))
            .Answers(EndpointDisabled)
            .WithName("RedeliverWebhook")
            .WithSummary("Redeliver")
            .WithDescription("Another attempt of the same event (same event id, new timestamp and signature), at once. A finished " +
                             "delivery gets one more attempt; a pending one is brought forward. 409 endpoint_disabled when the " +
                             "endpoint is disabled.");
    }

    private static readonly ErrorAnswer EndpointDisabled = new(409, ErrorCodes.EndpointDisabled, "the endpoint is disabled; enable it first.");

    private static Guid OrganizationId(string raw) => RouteId.Parse(raw, "Organization");

    private static Guid EndpointId(string raw) => RouteId.Parse(raw, "Webhook endpoint");

    private static Guid DeliveryId(string raw) => RouteId.Parse(raw, "Webhook delivery");
}
