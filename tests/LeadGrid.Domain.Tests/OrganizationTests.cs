using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Domain.Tests;

public class OrganizationTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 21, 14, TimeSpan.Zero);

    [Fact]
    public void Create_TrimsTheName()
    {
        var organization = Organization.Create("  Acme Recruiting ", Plan.Growth, Now);

        Assert.Equal("Acme Recruiting", organization.Name);
        Assert.Equal(Now, organization.CreatedAt);
        Assert.Equal(Now, organization.UpdatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_WithoutName_Throws(string? name)
    {
        var ex = Assert.Throws<DomainException>(() => Organization.Create(name, Plan.Free, Now));

        Assert.Contains("'Name'", ex.Message);
    }

    [Fact]
    public void Create_WithTooLongName_Throws() =>
        Assert.Throws<DomainException>(() => Organization.Create(new string('x', 201), Plan.Free, Now));

    [Fact]
    public void ChangePlan_ToTheSamePlan_ChangesNothing()
    {
        var organization = Organization.Create("Acme", Plan.Pro, Now);

        Assert.False(organization.ChangePlan(Plan.Pro, Now.AddDays(1)));
        Assert.Equal(Now, organization.UpdatedAt);
    }

    [Fact]
    public void ChangePlan_ToAnotherPlan_TouchesUpdatedAt()
    {
        var organization = Organization.Create("Acme", Plan.Pro, Now);

        Assert.True(organization.ChangePlan(Plan.Growth, Now.AddDays(1)));
        Assert.Equal(Plan.Growth, organization.Plan);
        Assert.Equal(Now.AddDays(1), organization.UpdatedAt);
    }

    [Fact]
    public void Rename_ToTheSameTrimmedName_ChangesNothing()
    {
        var organization = Organization.Create("Acme", Plan.Pro, Now);

        Assert.False(organization.Rename(" Acme ", Now.AddDays(1)));
    }

    [Theory]
    [InlineData(Plan.Free, false)]
    [InlineData(Plan.Pro, false)]
    [InlineData(Plan.Growth, true)]
    public void IncludesApi_OnlyOnGrowth(Plan plan, bool expected) => Assert.Equal(expected, plan.IncludesApi());

    [Fact]
    public void Member_Join_ChecksTheEmail()
    {
        var ex = Assert.Throws<DomainException>(() => Member.Join(Guid.CreateVersion7(), "not-an-email", "Ann", MemberRole.Member, isFirst: false, Now));

        Assert.Contains("'Email'", ex.Message);
    }

    [Fact]
    public void Member_Join_TheFirstMemberIsAdmin_OthersGetWhatWasAsked()
    {
        Assert.Equal(MemberRole.Admin, Member.Join(Guid.CreateVersion7(), "a@example.com", "A", MemberRole.Member, isFirst: true, Now).Role);
        Assert.Equal(MemberRole.Member, Member.Join(Guid.CreateVersion7(), "b@example.com", "B", MemberRole.Member, isFirst: false, Now).Role);
        Assert.Equal(MemberRole.Admin, Member.Join(Guid.CreateVersion7(), "c@example.com", "C", MemberRole.Admin, isFirst: false, Now).Role);
        Assert.Null(Member.Join(Guid.CreateVersion7(), "d@example.com", "D", MemberRole.Admin, isFirst: false, Now).PasswordHash);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("elevenchars")]
    public void Member_CheckPassword_NeedsTwelveCharacters(string? password)
    {
        var ex = Assert.Throws<DomainException>(() => Member.CheckPassword(password));
        Assert.Contains("at least 12", ex.Message);
    }

    [Fact]
    public void Member_CheckPassword_TakesTwelveAndRefusesAbsurdLengths()
    {
        Member.CheckPassword("twelve chars");
        Assert.Throws<DomainException>(() => Member.CheckPassword(new string('x', Member.PasswordMax + 1)));
    }
}
