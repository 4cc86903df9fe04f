using LeadGrid.Domain.Common;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Domain.Tests;

public class DossierTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 21, 14, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(2);
    private static readonly Guid Org = Guid.CreateVersion7();
    private static readonly Flow SalesFlow = Flow.CreateDefault(Org, DossierType.Sales, Now);
    private static readonly Flow CandidateFlow = Flow.CreateDefault(Org, DossierType.Candidate, Now);
    private static readonly Member Ann = Member.Join(Org, "ann@example.com", "Ann", MemberRole.Member, isFirst: false, Now);

    private static Dossier OpenSales(Guid? primary = null)
    {
        var dossier = Dossier.Open(Org, DossierType.Sales,
            new DossierFields { Name = "KLM, Cabin crew hiring", Company = "KLM", ContactPerson = "Pieter", DealSize = 62000m, DealCurrency = "EUR" },
            SalesFlow, null, primary, Now);
        dossier.Take();
        return dossier;
    }

    private static Dossier OpenCandidate()
    {
        var dossier = Dossier.Open(Org, DossierType.Candidate, new DossierFields { Name = "Sophie van Dijk" }, CandidateFlow, null, null, Now);
        dossier.Take();
        return dossier;
    }

    [Fact]
    public void Open_StartsActiveInTheFlowsFirstStage_AndRaisesCreated()
    {
        var dossier = Dossier.Open(Org, DossierType.Sales, new DossierFields { Name = " KLM ", DealCurrency = "eur", AssignedTo = Ann.Id }, SalesFlow, Ann, null, Now);

        Assert.Equal("KLM", dossier.State.Name);
        Assert.Equal(DossierStatus.Active, dossier.Status);
        Assert.Equal(SalesFlow.Id, dossier.FlowId);
        Assert.Equal(SalesFlow.FirstStage.Id, dossier.CurrentStageId);
        Assert.Equal(Now, dossier.State.StageEnteredAt);
        Assert.Equal(Now.AddDays(SalesFlow.FirstStage.DeadlineDays!.Value), dossier.State.StageDeadlineAt);
        Assert.Equal(Ann.Id, dossier.AssignedTo);
        Assert.Equal("EUR", dossier.State.DealCurrency);
        var created = dossier.AssertRaised<DossierCreated>();
        Assert.Equal(SalesFlow.FirstStage.Id, created.StageId);
        Assert.Equal([typeof(DossierCreated)], dossier.Take());
    }

    [Fact]
    public void Open_WithAPrimaryContact_LinksItAsPrimary_WithoutAnUpdateEvent()
    {
        var contact = Guid.CreateVersion7();

        var dossier = Dossier.Open(Org, DossierType.Candidate, new DossierFields { Name = "Sophie" }, CandidateFlow, null, contact, Now);

        Assert.Equal(contact, dossier.PrimaryContactId);
        Assert.Equal(ContactRole.Primary, dossier.Links.Single().Role);
        Assert.Equal([typeof(DossierCreated)], dossier.Take());
    }

    [Fact]
    public void Open_WithAFlowOfTheOtherType_Throws()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Dossier.Open(Org, DossierType.Candidate, new DossierFields { Name = "Sophie" }, SalesFlow, null, null, Now));

        Assert.Contains("'FlowId'", ex.Message);
    }

    [Fact]
    public void Open_WithAnotherOrganizationsFlow_Throws() =>
        Assert.Throws<DomainException>(() => Dossier.Open(Guid.CreateVersion7(), DossierType.Sales, new DossierFields { Name = "X" },
            SalesFlow, null, null, Now));

    [Theory]
    [InlineData("ContactPerson")]
    [InlineData("DealSize")]
    [InlineData("DealCurrency")]
    public void Open_Candidate_WithASalesOnlyField_Throws(string field)
    {
        var fields = field switch
        {
            "ContactPerson" => new DossierFields { Name = "Sophie", ContactPerson = "Mark" },
            "DealSize" => new DossierFields { Name = "Sophie", DealSize = 1m },
            _ => new DossierFields { Name = "Sophie", DealCurrency = "EUR" },
        };

        var ex = Assert.Throws<DomainException>(() => Dossier.Open(Org, DossierType.Candidate, fields, CandidateFlow, null, null, Now));

        Assert.Contains($"'{field}'", ex.Message);
    }

    [Theory]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    [InlineData("XAU")]
    public void Open_WithAnUnknownCurrency_Throws(string code) =>
        Assert.Contains("'DealCurrency'", Assert.Throws<DomainException>(() => Dossier.Open(Org, DossierType.Sales,
            new DossierFields { Name = "KLM", DealCurrency = code }, SalesFlow, null, null, Now)).Message);

    [Theory]
    [InlineData("-1")]
    [InlineData("10.005")]
    [InlineData("10000000000000")]
    public void Open_WithABadDealSize_Throws(string size) =>
        Assert.Contains("'DealSize'", Assert.Throws<DomainException>(() => Dossier.Open(Org, DossierType.Sales,
            new DossierFields { Name = "KLM", DealSize = decimal.Parse(size, System.Globalization.CultureInfo.InvariantCulture) },
            SalesFlow, null, null, Now)).Message);

    [Fact]
    public void Open_AssignedToSomeoneOfAnotherOrganization_Throws()
    {
        var stranger = Member.Join(Guid.CreateVersion7(), "x@example.com", "X", MemberRole.Member, isFirst: false, Now);

        Assert.Contains("'AssignedTo'", Assert.Throws<DomainException>(() => Dossier.Open(Org, DossierType.Sales,
            new DossierFields { Name = "KLM", AssignedTo = stranger.Id }, SalesFlow, stranger, null, Now)).Message);
    }

    [Fact]
    public void Open_AssignedToSomeoneNotFound_Throws() =>
        Assert.Contains("'AssignedTo'", Assert.Throws<DomainException>(() => Dossier.Open(Org, DossierType.Sales,
            new DossierFields { Name = "KLM", AssignedTo = Guid.CreateVersion7() }, SalesFlow, null, null, Now)).Message);

    [Fact]
    public void Edit_RaisesOneUpdatedWithThePreviousValueOfEachChangedField()
    {
        var dossier = OpenSales();

        Assert.True(dossier.Edit(new TestEdit { Name = "KLM, Pilots", DealSize = 70000m, Company = "KLM" }, null, null, Later));

        var updated = dossier.AssertRaised<DossierUpdated>();
        Assert.Equal(new Dictionary<string, object?> { ["Name"] = "KLM, Cabin crew hiring", ["DealSize"] = 62000m }, updated.Previous);
        Assert.Equal([typeof(DossierUpdated)], dossier.Take());
        Assert.Equal(Later, dossier.State.UpdatedAt);
    }

    [Fact]
    public void Edit_ToTheSameValues_ChangesNothingAndRaisesNothing()
    {
        var dossier = OpenSales();

        var changed = dossier.Edit(new TestEdit
        {
            Name = " KLM, Cabin crew hiring ", DealSize = 62000.00m, DealCurrency = "eur", Status = DossierStatus.Active,
            CurrentStageId = SalesFlow.FirstStage.Id, Email = "", AssignedTo = new Optional<Guid?>(null),
        }, SalesFlow, null, Later);

        Assert.False(changed);
        Assert.Empty(dossier.Take());
        Assert.Equal(Now, dossier.State.UpdatedAt);
    }

    [Fact]
    public void Edit_NullClearsOptionalFields()
    {
        var dossier = OpenSales();

        dossier.Edit(new TestEdit { DealSize = new Optional<decimal?>(null), Company = new Optional<string?>(null) }, null, null, Later);

        Assert.Null(dossier.State.DealSize);
        Assert.Null(dossier.State.Company);
        Assert.Equal(new Dictionary<string, object?> { ["Company"] = "KLM", ["DealSize"] = 62000m },
            dossier.AssertRaised<DossierUpdated>().Previous);
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("Status")]
    [InlineData("CurrentStageId")]
    public void Edit_RequiredFieldsCannotBeNull(string field)
    {
        var dossier = OpenSales();
        var edit = field switch
        {
            "Name" => new TestEdit { Name = new Optional<string?>(null) },
            "Status" => new TestEdit { Status = new Optional<DossierStatus?>(null) },
            _ => new TestEdit { CurrentStageId = new Optional<Guid?>(null) },
        };

        Assert.Contains($"'{field}'", Assert.Throws<DomainException>(() => dossier.Edit(edit, SalesFlow, null, Later)).Message);
        Assert.Empty(dossier.Take());
    }

    [Fact]
    public void Edit_ThatFailsOnOneField_ChangesNoOther()
    {
        var dossier = OpenSales();

        Assert.Throws<DomainException>(() => dossier.Edit(
            new TestEdit { Name = "Renamed", Company = "Air France", CurrentStageId = CandidateFlow.Stages[1].Id }, SalesFlow, null, Later));

        Assert.Equal("KLM, Cabin crew hiring", dossier.State.Name);
        Assert.Equal("KLM", dossier.State.Company);
        Assert.Equal(Now, dossier.State.UpdatedAt);
        Assert.Empty(dossier.Take());
    }

    [Fact]
    public void Edit_Candidate_SalesOnlyFieldWithAValue_Throws()
    {
        var dossier = OpenCandidate();

        Assert.Contains("'DealSize'", Assert.Throws<DomainException>(() =>
            dossier.Edit(new TestEdit { DealSize = 5m }, null, null, Later)).Message);
    }

    [Fact]
    public void Edit_StageRaisesUpdatedAndStageChanged_AndResetsStageEnteredAt()
    {
        var dossier = OpenSales();
        var target = SalesFlow.Stages[2].Id;

        Assert.True(dossier.Edit(new TestEdit { CurrentStageId = target }, SalesFlow, null, Later));

        Assert.Equal(target, dossier.CurrentStageId);
        Assert.Equal(Later, dossier.State.StageEnteredAt);
        var changed = dossier.AssertRaised<DossierStageChanged>();
        Assert.Equal((SalesFlow.FirstStage.Id, target), (changed.FromStageId, changed.ToStageId));
        Assert.Equal(Later.AddDays(SalesFlow.Stages[2].DeadlineDays!.Value), dossier.State.StageDeadlineAt);
        Assert.Equal(new Dictionary<string, object?>
        {
            ["CurrentStageId"] = SalesFlow.FirstStage.Id, ["StageEnteredAt"] = Now,
            ["StageDeadlineAt"] = Now.AddDays(SalesFlow.FirstStage.DeadlineDays!.Value),
        }, dossier.AssertRaised<DossierUpdated>().Previous);
        Assert.Equal([typeof(DossierUpdated), typeof(DossierStageChanged)], dossier.Take());
    }

    [Fact]
    public void Edit_StageToTheCurrentStage_RaisesNothing()
    {
        var dossier = OpenSales();

        Assert.False(dossier.Edit(new TestEdit { CurrentStageId = SalesFlow.FirstStage.Id }, SalesFlow, null, Later));
        Assert.Empty(dossier.Take());
    }

    [Fact]
    public void Edit_StageWhenStageNotInFlow_Throws()
    {
        var dossier = OpenSales();

        var ex = Assert.Throws<DomainException>(() => dossier.Edit(new TestEdit { CurrentStageId = CandidateFlow.Stages[1].Id }, SalesFlow, null, Later));

        Assert.Contains("'CurrentStageId'", ex.Message);
        Assert.Equal(SalesFlow.FirstStage.Id, dossier.CurrentStageId);
        Assert.Empty(dossier.Take());
    }

    [Fact]
    public void Edit_StageStatusAndNameAtOnce_RaisesUpdatedStageChangedAndArchived_InThatOrder()
    {
        var dossier = OpenSales();

        dossier.Edit(new TestEdit { Name = "Renamed", Status = DossierStatus.Archived, CurrentStageId = SalesFlow.Stages[1].Id }, SalesFlow, null, Later);

        Assert.Equal([typeof(DossierUpdated), typeof(DossierStageChanged), typeof(DossierArchived)], dossier.Take());
    }

    [Fact]
    public void Archive_RaisesUpdatedAndArchived_Once()
    {
        var dossier = OpenSales();

        Assert.True(dossier.Archive(Later));
        Assert.Equal(new Dictionary<string, object?> { ["Status"] = DossierStatus.Active }, dossier.AssertRaised<DossierUpdated>().Previous);
        Assert.Equal([typeof(DossierUpdated), typeof(DossierArchived)], dossier.Take());

        Assert.False(dossier.Archive(Later.AddHours(1)));
        Assert.Empty(dossier.Take());
        Assert.Equal(DossierStatus.Archived, dossier.Status);
        Assert.Equal(Later, dossier.State.UpdatedAt);
    }

    [Fact]
    public void Restore_ThroughStatus_IsAnUpdateOnly()
    {
        var dossier = OpenSales();
        dossier.Archive(Later);
        dossier.Take();

        dossier.Edit(new TestEdit { Status = DossierStatus.Active }, null, null, Later.AddHours(1));

        Assert.Equal(new Dictionary<string, object?> { ["Status"] = DossierStatus.Archived }, dossier.AssertRaised<DossierUpdated>().Previous);
        Assert.Equal([typeof(DossierUpdated)], dossier.Take());
    }

    [Fact]
    public void Won_And_Lost_AreUpdatesOnly()
    {
        var dossier = OpenSales();

        dossier.Edit(new TestEdit { Status = DossierStatus.Won }, null, null, Later);

        Assert.Equal([typeof(DossierUpdated)], dossier.Take());
    }

    [Fact]
    public void Assign_ToAMember_AndUnassign()
    {
        var dossier = OpenSales();

        dossier.Edit(new TestEdit { AssignedTo = Ann.Id }, null, Ann, Later);
        Assert.Equal(Ann.Id, dossier.AssignedTo);
        Assert.Equal(new Dictionary<string, object?> { ["AssignedTo"] = null }, dossier.AssertRaised<DossierUpdated>().Previous);
        dossier.Take();

        dossier.Edit(new TestEdit { AssignedTo = new Optional<Guid?>(null) }, null, null, Later);
        Assert.Null(dossier.AssignedTo);
        Assert.Equal(new Dictionary<string, object?> { ["AssignedTo"] = Ann.Id }, dossier.AssertRaised<DossierUpdated>().Previous);
    }

    [Fact]
    public void Assign_ToSomeoneWhoIsNotAMember_Throws()
    {
        var dossier = OpenSales();

        Assert.Contains("'AssignedTo'", Assert.Throws<DomainException>(() =>
            dossier.Edit(new TestEdit { AssignedTo = Guid.CreateVersion7() }, null, null, Later)).Message);
    }

    [Fact]
    public void LinkContact_AsPrimary_DemotesThePreviousPrimary_AndIsAnUpdate()
    {
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        var dossier = OpenSales(primary: first);

        Assert.Equal(LinkOutcome.Created, dossier.LinkContact(second, ContactRole.DecisionMaker, isPrimary: true, Later));

        Assert.Equal(second, dossier.PrimaryContactId);
        Assert.Single(dossier.Links, l => l.IsPrimary);
        Assert.False(dossier.Links.Single(l => l.ContactId == first).IsPrimary);
        Assert.Equal(new Dictionary<string, object?> { ["PrimaryContactId"] = first }, dossier.AssertRaised<DossierUpdated>().Previous);
    }

    [Fact]
    public void LinkContact_NotPrimary_IsNoUpdateOfTheDossier()
    {
        var dossier = OpenSales(primary: Guid.CreateVersion7());

        Assert.Equal(LinkOutcome.Created, dossier.LinkContact(Guid.CreateVersion7(), ContactRole.Champion, isPrimary: false, Later));

        Assert.Empty(dossier.Take());
        Assert.Equal(2, dossier.Links.Count);
    }

    [Fact]
    public void LinkContact_AgainWithTheSameRoleAndFlag_IsUnchanged_OtherwiseUpdated()
    {
        var contact = Guid.CreateVersion7();
        var dossier = OpenSales();
        dossier.LinkContact(contact, ContactRole.Gatekeeper, false, Now);

        Assert.Equal(LinkOutcome.Unchanged, dossier.LinkContact(contact, ContactRole.Gatekeeper, false, Later));
        Assert.Equal(LinkOutcome.Updated, dossier.LinkContact(contact, ContactRole.Introducer, false, Later));
        Assert.Equal(ContactRole.Introducer, dossier.Links.Single().Role);
        Assert.Empty(dossier.Take());
    }

    [Fact]
    public void LinkContact_ThePrimaryAgainAsNotPrimary_LeavesTheDossierWithoutPrimary()
    {
        var contact = Guid.CreateVersion7();
        var dossier = OpenSales(primary: contact);

        Assert.Equal(LinkOutcome.Updated, dossier.LinkContact(contact, ContactRole.Primary, false, Later));

        Assert.Null(dossier.PrimaryContactId);
        Assert.Equal([typeof(DossierUpdated)], dossier.Take());
    }

    [Fact]
    public void UnlinkContact_ThePrimary_IsAnUpdate_AnUnknownContactIsNotLinked()
    {
        var contact = Guid.CreateVersion7();
        var dossier = OpenSales(primary: contact);

        Assert.False(dossier.UnlinkContact(Guid.CreateVersion7(), Later));
        Assert.Empty(dossier.Take());
        Assert.True(dossier.UnlinkContact(contact, Later));
        Assert.Null(dossier.PrimaryContactId);
        Assert.Empty(dossier.Links);
        Assert.Equal(new Dictionary<string, object?> { ["PrimaryContactId"] = contact }, dossier.AssertRaised<DossierUpdated>().Previous);
    }

    [Fact]
    public void AttachCv_AfterCreation_IsAnUpdate()
    {
        var dossier = OpenCandidate();

        dossier.AttachCv(Later);

        Assert.Equal($"{Org}/dossiers/{dossier.Id}/cv.pdf", dossier.CvKey);
        Assert.Equal(new Dictionary<string, object?> { ["cv_url"] = null }, dossier.AssertRaised<DossierUpdated>().Previous);
        Assert.Equal(Later, dossier.State.UpdatedAt);
    }

    [Fact]
    public void AttachCv_WithTheCreation_IsPartOfIt()
    {
        var dossier = Dossier.Open(Org, DossierType.Candidate, new DossierFields { Name = "Sophie" }, CandidateFlow, null, null, Now);

        dossier.AttachCv(Now);

        Assert.NotNull(dossier.CvKey);
        Assert.Equal([typeof(DossierCreated)], dossier.Take());
    }

    [Fact]
    public void CvDocument_MustBeAPdfOfAtMostTenMegabytes()
    {
        Assert.Equal(5, CvDocument.From("%PDF-"u8.ToArray()).Content.Length);
        Assert.Equal(DomainError.Invalid, Assert.Throws<DomainException>(() => CvDocument.From("hello"u8.ToArray())).Error);
        Assert.Equal(DomainError.Invalid, Assert.Throws<DomainException>(() => CvDocument.From([])).Error);
        var tooLarge = new byte[CvDocument.MaxBytes + 1];
        "%PDF-"u8.CopyTo(tooLarge);
        Assert.Equal(DomainError.TooLarge, Assert.Throws<DomainException>(() => CvDocument.From(tooLarge)).Error);
    }

    [Fact]
    public void Note_Add_IsInternalByDefault_AndRaisesNoteCreated()
    {
        var dossier = OpenCandidate();

        var note = Note.Add(dossier, " Had a great first call. ", null, Later);

        Assert.Equal("Had a great first call.", note.Content);
        Assert.True(note.IsInternal);
        Assert.Equal((dossier.Id, dossier.OrganizationId), (note.DossierId, note.OrganizationId));
        Assert.Equal(note.Id, note.AssertRaised<NoteCreated>().NoteId);
        Assert.False(Note.Add(dossier, "Shared", false, Later).IsInternal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Note_Add_WithoutContent_Throws(string? content) =>
        Assert.Contains("'Content'", Assert.Throws<DomainException>(() => Note.Add(OpenCandidate(), content, null, Later)).Message);

    /// <summary>A partial update written as the tests think of it: each member left out or given (null included).</summary>
    private sealed record TestEdit
    {
        public Optional<string?> Name { get; init; }
        public Optional<string?> Email { get; init; }
        public Optional<string?> Company { get; init; }
        public Optional<decimal?> DealSize { get; init; }
        public Optional<string?> DealCurrency { get; init; }
        public Optional<Guid?> AssignedTo { get; init; }
        public Optional<DossierStatus?> Status { get; init; }
        public Optional<Guid?> CurrentStageId { get; init; }

        public static implicit operator DossierEdit(TestEdit e)
        {
            var given = new HashSet<string>();
            T? Take<T>(Optional<T> field, string name)
            {
                if (!field.HasValue) return default;
                given.Add(name);
                return field.Value;
            }
            var values = new DossierFields
            {
                Name = Take(e.Name, nameof(DossierFields.Name))!, Email = Take(e.Email, nameof(DossierFields.Email)),
                Company = Take(e.Company, nameof(DossierFields.Company)), DealSize = Take(e.DealSize, nameof(DossierFields.DealSize)),
                DealCurrency = Take(e.DealCurrency, nameof(DossierFields.DealCurrency)),
                AssignedTo = Take(e.AssignedTo, nameof(DossierFields.AssignedTo)),
            };
            return new DossierEdit { Fields = new Patch<DossierFields>(values, given), Status = e.Status, CurrentStageId = e.CurrentStageId };
        }
    }
}
