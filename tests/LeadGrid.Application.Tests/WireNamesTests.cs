using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Organizations;
using LeadGrid.Domain.Webhooks;

namespace LeadGrid.Application.Tests;

public class WireNamesTests
{
    [Fact]
    public void EveryClosedSet_IsNamedBySnakeCase_InTheEnumsOrder()
    {
        Assert.Equal(["candidate", "sales"], WireNames<DossierType>.All);
        Assert.Equal(["active", "won", "lost", "archived"], WireNames<DossierStatus>.All);
        Assert.Equal(["candidate", "prospect", "client", "supplier", "partner"], WireNames<ContactKind>.All);
        Assert.Equal(["primary", "hiring_manager", "decision_maker", "champion", "gatekeeper", "introducer", "other"], WireNames<ContactRole>.All);
        Assert.Equal(["free", "pro", "growth"], WireNames<Plan>.All);
        Assert.Equal(["member", "admin"], WireNames<MemberRole>.All);
        Assert.Equal(["pending", "succeeded", "failed"], WireNames<DeliveryState>.All);
        Assert.Equal(["manual", "gone", "failing"], WireNames<EndpointDisabledReason>.All);
        Assert.Equal("hiring_manager", ContactRole.HiringManager.ToName());
        Assert.Equal(ContactRole.DecisionMaker, WireNames<ContactRole>.Parse("decision_maker", "RoleOnDossier"));
    }

    [Theory]
    [InlineData("Enterprise")] // names are exact: no other case
    [InlineData("2")]          // and never the number behind an enum member
    [InlineData("")]
    [InlineData(null)]
    public void AnUnknownName_IsRefused_NamingTheMemberAndEveryKnownName(string? name)
    {
        var refused = Assert.Throws<DomainException>(() => WireNames<Plan>.Parse(name, "Plan"));

        Assert.Equal((DomainError.Invalid, "Plan"), (refused.Error, refused.Member));
        Assert.Equal($"is an unknown plan '{name}'; it must be one of: free, pro, growth.", refused.Detail);
    }

    [Fact]
    public void AListsUnknownName_IsRefusedWithItsIndex() =>
        Assert.Equal("Kind[1]", Assert.Throws<DomainException>(() => WireNames<ContactKind>.ParseAll(["client", "boss"], "Kind")).Member);
}
