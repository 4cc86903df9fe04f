using LeadGrid.Application.Common;
using LeadGrid.Application.Webhooks;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;
using LeadGrid.Domain.Webhooks;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace LeadGrid.Application.Tests;

public class WebhookHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);
    private readonly IOrganizationRepository _organizations = Substitute.For<IOrganizationRepository>();
    private readonly IWebhookEndpointRepository _endpoints = Substitute.For<IWebhookEndpointRepository>();
    private readonly IWebhookDeliveryRepository _deliveries = Substitute.For<IWebhookDeliveryRepository>();
    private readonly IWebhookUrlGuard _guard = Substitute.For<IWebhookUrlGuard>();
    private readonly IWebhookDispatchSignal _dispatcher = Substitute.For<IWebhookDispatchSignal>();
    private readonly IDbSession _session = Substitute.For<IDbSession>();
    private readonly TimeProvider _clock = Substitute.For<TimeProvider>();

    public WebhookHandlerTests() => _clock.GetUtcNow().Returns(Now);

    private WebhookEndpoint Endpoint(Guid org)
    {
        var endpoint = WebhookEndpoint.Create(org, "https://example.com/h", null, Now);
        _endpoints.GetForUpdateAsync(org, endpoint.Id, Arg.Any<CancellationToken>()).Returns(endpoint);
        _endpoints.GetAsync(org, endpoint.Id, Arg.Any<CancellationToken>()).Returns(endpoint);
        return endpoint;
    }

    [Fact]
    public async Task CreateWebhookEndpoint_ChecksTheTargetThenStoresTheEndpoint()
    {
        var organization = Organization.Create("Acme", Plan.Growth, Now);
        _organizations.GetAsync(organization.Id, Arg.Any<CancellationToken>()).Returns(organization);
        var handler = new CreateWebhookEndpointHandler(_organizations, _endpoints, _guard, _clock);

        var created = await handler.Handle(new CreateWebhookEndpoint("https://example.com/h") { OrganizationId = organization.Id }, CancellationToken.None);

        await _guard.Received(1).CheckAsync(Arg.Is<WebhookUrl>(u => u.Value == "https://example.com/h"), Arg.Any<CancellationToken>());
        await _endpoints.Received(1).AddAsync(Arg.Is<WebhookEndpoint>(e => e.Id == created.Id), Arg.Any<CancellationToken>());
        Assert.Equal(WebhookEventTypes.All, created.Events);
        Assert.StartsWith("whsec_", created.Secret);
    }

    [Fact]
    public async Task CreateWebhookEndpoint_ARefusedTarget_StoresNothing()
    {
        var organization = Organization.Create("Acme", Plan.Growth, Now);
        _organizations.GetAsync(organization.Id, Arg.Any<CancellationToken>()).Returns(organization);
        _guard.CheckAsync(Arg.Any<WebhookUrl>(), Arg.Any<CancellationToken>()).ThrowsAsync(DomainException.Invalid("Url", "is refused: loopback"));
        var handler = new CreateWebhookEndpointHandler(_organizations, _endpoints, _guard, _clock);

        await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(new CreateWebhookEndpoint("http://localhost/h") { OrganizationId = organization.Id }, CancellationToken.None));
        await _endpoints.DidNotReceive().AddAsync(Arg.Any<WebhookEndpoint>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreateWebhookEndpoint_ForAnUnknownOrganization_IsNotFound_BeforeAnyLookup()
    {
        var handler = new CreateWebhookEndpointHandler(_organizations, _endpoints, _guard, _clock);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            handler.Handle(new CreateWebhookEndpoint("https://example.com/h") { OrganizationId = Guid.NewGuid() }, CancellationToken.None));
        await _guard.DidNotReceive().CheckAsync(Arg.Any<WebhookUrl>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateWebhookEndpoint_ChecksANewUrl_AndStoresTheChange()
    {
        var org = Guid.NewGuid();
        var endpoint = Endpoint(org);
        var handler = new UpdateWebhookEndpointHandler(_endpoints, _guard, _clock);

        var updated = await handler.Handle(new UpdateWebhookEndpoint
            { Url = "https://example.org/new", Given = { nameof(UpdateWebhookEndpoint.Url) }, OrganizationId = org, EndpointId = endpoint.Id }, CancellationToken.None);

        Assert.Equal("https://example.org/new", updated.Url);
        await _guard.Received(1).CheckAsync(Arg.Is<WebhookUrl>(u => u.Value == "https://example.org/new"), Arg.Any<CancellationToken>());
        await _endpoints.Received(1).UpdateAsync(endpoint, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateWebhookEndpoint_ThatChangesNothing_NeitherChecksNorStores()
    {
        var org = Guid.NewGuid();
        var endpoint = Endpoint(org);
        var handler = new UpdateWebhookEndpointHandler(_endpoints, _guard, _clock);

        var patch = new UpdateWebhookEndpoint
        {
            Url = "https://example.com/h", Enabled = true, Given = { nameof(UpdateWebhookEndpoint.Url), nameof(UpdateWebhookEndpoint.Enabled) },
            OrganizationId = org, EndpointId = endpoint.Id,
        };
        await handler.Handle(patch, CancellationToken.None);

        await _guard.DidNotReceive().CheckAsync(Arg.Any<WebhookUrl>(), Arg.Any<CancellationToken>());
        await _endpoints.DidNotReceive().UpdateAsync(Arg.Any<WebhookEndpoint>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateWebhookEndpoint_ThatOnlyDisables_DoesNotResolveTheUrlAgain()
    {
        var org = Guid.NewGuid();
        var endpoint = Endpoint(org);
        var handler = new UpdateWebhookEndpointHandler(_endpoints, _guard, _clock);

        var updated = await handler.Handle(new UpdateWebhookEndpoint { Enabled = false, Given = { nameof(UpdateWebhookEndpoint.Enabled) }, OrganizationId = org, EndpointId = endpoint.Id },
            CancellationToken.None);

        Assert.False(updated.Enabled);
        Assert.Equal("manual", updated.DisabledReason);
        await _guard.DidNotReceive().CheckAsync(Arg.Any<WebhookUrl>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RotateWebhookSecret_AnswersTheNewSecretAndWhenTheOldOneStops()
    {
        var org = Guid.NewGuid();
        var endpoint = Endpoint(org);
        var old = endpoint.Secret;
        var handler = new RotateWebhookSecretHandler(_endpoints, _clock);

        var rotated = await handler.Handle(new RotateWebhookSecret(3600) { OrganizationId = org, EndpointId = endpoint.Id }, CancellationToken.None);

        Assert.NotEqual(old, rotated.Secret);
        Assert.Equal(Now.AddHours(1), rotated.OldSecretExpiresAt);
        await _endpoints.Received(1).UpdateAsync(endpoint, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RedeliverWebhook_StoresTheDelivery_AndWakesTheDispatcherAfterCommit()
    {
        var org = Guid.NewGuid();
        var endpoint = Endpoint(org);
        var delivery = WebhookDelivery.Restore(Guid.NewGuid(), org, endpoint.Id, Guid.NewGuid(), "evt_1", "dossier.created",
            DeliveryState.Failed, 10, 10, null, false, Now, Now);
        _deliveries.GetForUpdateAsync(org, delivery.Id, Arg.Any<CancellationToken>()).Returns(delivery);
        var afterCommit = new List<Action>();
        _session.AfterCommit(Arg.Do<Action>(afterCommit.Add));
        var handler = new RedeliverWebhookHandler(_deliveries, _endpoints, new OutboxWriter(_session, _dispatcher), Substitute.For<MediatR.IMediator>(), _clock);

        await handler.Handle(new RedeliverWebhook(org, delivery.Id), CancellationToken.None);

        await _deliveries.Received(1).UpdateAsync(delivery, Arg.Any<CancellationToken>());
        _dispatcher.DidNotReceive().Wake();
        afterCommit.ForEach(a => a());
        _dispatcher.Received(1).Wake();
    }

    [Fact]
    public async Task RedeliverWebhook_UnderWay_ChangesNothing()
    {
        var org = Guid.NewGuid();
        var endpoint = Endpoint(org);
        var delivery = WebhookDelivery.Restore(Guid.NewGuid(), org, endpoint.Id, Guid.NewGuid(), "evt_1", "dossier.created",
            DeliveryState.Pending, 1, 10, Now.AddSeconds(30), true, Now, Now);
        _deliveries.GetForUpdateAsync(org, delivery.Id, Arg.Any<CancellationToken>()).Returns(delivery);
        var handler = new RedeliverWebhookHandler(_deliveries, _endpoints, new OutboxWriter(_session, _dispatcher), Substitute.For<MediatR.IMediator>(), _clock);

        await handler.Handle(new RedeliverWebhook(org, delivery.Id), CancellationToken.None);

        await _deliveries.DidNotReceive().UpdateAsync(Arg.Any<WebhookDelivery>(), Arg.Any<CancellationToken>());
        _session.DidNotReceive().AfterCommit(Arg.Any<Action>());
    }
}
