using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;
using NSubstitute;

namespace LeadGrid.Application.Tests;

public class OrganizationHandlerTests
{
    private readonly IOrganizationRepository _organizations = Substitute.For<IOrganizationRepository>();
    private readonly IFlowRepository _flows = Substitute.For<IFlowRepository>();
    private readonly IApiKeyCache _keyCache = Substitute.For<IApiKeyCache>();
    private readonly IDbSession _session = Substitute.For<IDbSession>();
    private readonly TimeProvider _clock = TimeProvider.System;

    [Fact]
    public async Task CreateOrganization_AddsItWithOneDefaultFlowPerType()
    {
        var handler = new CreateOrganizationHandler(_organizations, _flows, _clock);

        var result = await handler.Handle(new CreateOrganization("Acme", Plan.Growth), CancellationToken.None);

        Assert.Equal("growth", result.Plan);
        await _organizations.Received(1).AddAsync(Arg.Is<Organization>(o => o.Id == result.Id), Arg.Any<CancellationToken>());
        await _flows.Received(1).AddAsync(Arg.Is<Flow>(f => f.Type == DossierType.Candidate && f.IsDefault && f.OrganizationId == result.Id), Arg.Any<CancellationToken>());
        await _flows.Received(1).AddAsync(Arg.Is<Flow>(f => f.Type == DossierType.Sales && f.IsDefault && f.OrganizationId == result.Id), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateOrganization_PlanChange_EvictsTheOrganizationsCachedKeysAfterCommit()
    {
        var organization = Organization.Create("Acme", Plan.Growth, DateTimeOffset.UtcNow);
        _organizations.GetAsync(organization.Id, Arg.Any<CancellationToken>()).Returns(organization);
        Action? afterCommit = null;
        _session.AfterCommit(Arg.Do<Action>(a => afterCommit = a));
        var handler = new UpdateOrganizationHandler(_organizations, _keyCache, _session, _clock);

        var result = await handler.Handle(new UpdateOrganization { Plan = Plan.Free, Given = { nameof(UpdateOrganization.Plan) }, OrganizationId = organization.Id }, CancellationToken.None);

        Assert.Equal("free", result.Plan);
        await _organizations.Received(1).UpdateAsync(organization, Arg.Any<CancellationToken>());
        _keyCache.DidNotReceive().EvictOrganization(Arg.Any<Guid>()); // not before the commit
        Assert.NotNull(afterCommit);
        afterCommit();
        _keyCache.Received(1).EvictOrganization(organization.Id);
    }

    [Fact]
    public async Task UpdateOrganization_NothingChanged_WritesNothing()
    {
        var organization = Organization.Create("Acme", Plan.Growth, DateTimeOffset.UtcNow);
        _organizations.GetAsync(organization.Id, Arg.Any<CancellationToken>()).Returns(organization);
        var handler = new UpdateOrganizationHandler(_organizations, _keyCache, _session, _clock);

        await handler.Handle(new UpdateOrganization { Name = "Acme", Plan = Plan.Growth, Given = { nameof(UpdateOrganization.Name), nameof(UpdateOrganization.Plan) }, OrganizationId = organization.Id }, CancellationToken.None);

        await _organizations.DidNotReceive().UpdateAsync(Arg.Any<Organization>(), Arg.Any<CancellationToken>());
        _session.DidNotReceive().AfterCommit(Arg.Any<Action>());
    }

    [Fact]
    public async Task UpdateOrganization_Unknown_IsNotFound()
    {
        var handler = new UpdateOrganizationHandler(_organizations, _keyCache, _session, _clock);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            handler.Handle(new UpdateOrganization { Name = "X", Given = { nameof(UpdateOrganization.Name) }, OrganizationId = Guid.NewGuid() }, CancellationToken.None));
    }
}
