using LeadGrid.Domain.Common;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;

namespace LeadGrid.Domain.Tests;

public class FlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 21, 14, TimeSpan.Zero);
    private static readonly Guid Org = Guid.CreateVersion7();

    [Fact]
    public void CreateDefault_Sales_HasSixStagesWithRisingWinProbabilities()
    {
        var flow = Flow.CreateDefault(Org, DossierType.Sales, Now);

        Assert.True(flow.IsDefault);
        Assert.Equal(DossierType.Sales, flow.Type);
        Assert.Equal([1, 2, 3, 4, 5, 6], flow.Stages.Select(s => s.Position));
        Assert.Equal([14, 29, 43, 57, 71, 86], flow.Stages.Select(s => s.WinProbability));
        Assert.All(flow.Stages, s => Assert.Matches("^#[0-9A-F]{6}$", s.Color));
    }

    [Fact]
    public void CreateDefault_Candidate_IsACandidateFlowStartingAtPositionOne()
    {
        var flow = Flow.CreateDefault(Org, DossierType.Candidate, Now);

        Assert.Equal(DossierType.Candidate, flow.Type);
        Assert.Equal(1, flow.FirstStage.Position);
        Assert.Equal(flow.Stages.Count, flow.Stages.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void FirstStage_IsTheLowestPositionWhateverTheOrderGiven()
    {
        var late = new Stage(Guid.CreateVersion7(), "Late", 7, null, null, null);
        var early = new Stage(Guid.CreateVersion7(), "Early", 2, null, null, null);

        var flow = Flow.Restore(Guid.CreateVersion7(), Org, "Custom", DossierType.Sales, false, [late, early], Now);

        Assert.Equal(early, flow.FirstStage);
        Assert.Equal([early, late], flow.Stages);
    }

    [Fact]
    public void Restore_WithDuplicatePositions_Throws()
    {
        Stage[] stages = [new(Guid.CreateVersion7(), "A", 1, null, null, null), new(Guid.CreateVersion7(), "B", 1, null, null, null)];

        Assert.Throws<DomainException>(() => Flow.Restore(Guid.CreateVersion7(), Org, "F", DossierType.Sales, false, stages, Now));
    }

    [Fact]
    public void Restore_WithoutStages_Throws() =>
        Assert.Throws<DomainException>(() => Flow.Restore(Guid.CreateVersion7(), Org, "F", DossierType.Sales, false, [], Now));
}
