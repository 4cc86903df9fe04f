using LeadGrid.Application.Common;
using LeadGrid.Application.Dossiers;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;
using NSubstitute;

namespace LeadGrid.Application.Tests;

public class DossierHandlerTests
{
    private static readonly Guid Org = Guid.CreateVersion7();
    private readonly IDossierRepository _dossiers = Substitute.For<IDossierRepository>();
    private readonly IFlowRepository _flows = Substitute.For<IFlowRepository>();
    private readonly IContactRepository _contacts = Substitute.For<IContactRepository>();
    private readonly IOrganizationRepository _organizations = Substitute.For<IOrganizationRepository>();
    private readonly IFileStorage _storage = Substitute.For<IFileStorage>();
    private readonly IDbSession _session = Substitute.For<IDbSession>();

    public DossierHandlerTests()
    {
        foreach (var type in new[] { DossierType.Candidate, DossierType.Sales })
            _flows.GetDefaultAsync(Org, type, Arg.Any<CancellationToken>()).Returns(Flow.CreateDefault(Org, type, DateTimeOffset.UtcNow));
    }

    private CreateDossierHandler CreateHandler() =>
        new(_dossiers, _flows, _contacts, _organizations, _storage, _session, TimeProvider.System);

    [Fact]
    public async Task CreateSales_WithNeitherContactPersonNorEmail_TouchesNoContact()
    {
        await CreateHandler().Handle(new CreateDossier { Type = DossierType.Sales, Name = "KLM", OrganizationId = Org }, CancellationToken.None);

        await _contacts.DidNotReceiveWithAnyArgs().AddOrFindByEmailAsync(default!, default);
        await _dossiers.Received(1).AddAsync(Arg.Is<Dossier>(d => d.PrimaryContactId == null && d.Type == DossierType.Sales), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task CreateCandidate_FindsOrCreatesItsContactFromTheDossierFields()
    {
        var existing = Guid.CreateVersion7();
        _contacts.AddOrFindByEmailAsync(Arg.Any<Contact>(), Arg.Any<CancellationToken>()).Returns(existing);

        await CreateHandler().Handle(new CreateDossier { Type = DossierType.Candidate, Name = "Sophie", Email = "s@example.com", Company = "Adyen", OrganizationId = Org },
            CancellationToken.None);

        await _contacts.Received(1).AddOrFindByEmailAsync(Arg.Is<Contact>(c => c.State.FullName == "Sophie" && c.State.Email == "s@example.com"
            && c.State.Company == "Adyen" && c.State.Kind!.Single() == ContactKind.Candidate), Arg.Any<CancellationToken>());
        await _dossiers.Received(1).AddAsync(Arg.Is<Dossier>(d => d.PrimaryContactId == existing), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Create_WithAnUnknownContactId_IsInvalid_AndAddsNothing()
    {
        var ex = await Assert.ThrowsAsync<DomainException>(() => CreateHandler().Handle(
            new CreateDossier { Type = DossierType.Candidate, Name = "Sophie", ContactId = Guid.CreateVersion7(), OrganizationId = Org }, CancellationToken.None));

        Assert.Equal("ContactId", ex.Member);
        await _dossiers.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task Create_WithACv_StagesItAndEnlistsItInTheTransaction()
    {
        var staged = Substitute.For<IStagedFile>();
        _storage.StageAsync(Arg.Any<string>(), Arg.Any<ReadOnlyMemory<byte>>(), Arg.Any<CancellationToken>()).Returns(staged);
        Action? onCommit = null, onRollback = null;
        _session.AfterCommit(Arg.Do<Action>(a => onCommit = a));
        _session.AfterRollback(Arg.Do<Action>(a => onRollback = a));

        var created = await CreateHandler().Handle(new CreateDossier { Type = DossierType.Sales, Name = "KLM", OrganizationId = Org, Cv = CvDocument.From("%PDF-1.4"u8.ToArray()) },
            CancellationToken.None);

        await _storage.Received(1).StageAsync($"{Org}/dossiers/{created.Id}/cv.pdf", Arg.Any<ReadOnlyMemory<byte>>(), Arg.Any<CancellationToken>());
        staged.DidNotReceive().Publish();
        onCommit!();
        staged.Received(1).Publish();
        onRollback!();
        staged.Received(1).Discard();
    }

    [Fact]
    public async Task UpdateDossier_ThatChangesNothing_WritesNothing_AndLoadsNoFlow()
    {
        var dossier = Dossier.Open(Org, DossierType.Sales, new DossierFields { Name = "KLM" }, Flow.CreateDefault(Org, DossierType.Sales, DateTimeOffset.UtcNow),
            null, null, DateTimeOffset.UtcNow);
        _dossiers.GetForUpdateAsync(Org, dossier.Id, Arg.Any<CancellationToken>()).Returns(dossier);
        var handler = new UpdateDossierHandler(_dossiers, _flows, _organizations, TimeProvider.System);
        var patch = new UpdateDossier { Name = "KLM", Given = { nameof(UpdateDossier.Name) }, OrganizationId = Org, DossierId = dossier.Id };

        await handler.Handle(patch, CancellationToken.None);

        await _dossiers.DidNotReceiveWithAnyArgs().UpdateAsync(default!, default);
        await _flows.DidNotReceiveWithAnyArgs().GetAsync(default, default, default);
    }
}
