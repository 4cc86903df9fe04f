using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Tests;

public class EmailAddressTests
{
    [Fact]
    public void Parse_TrimsAndKeepsTheGivenCase() =>
        Assert.Equal("Sophie@Example.com", EmailAddress.Parse("  Sophie@Example.com ").Value);

    [Fact]
    public void Equality_IgnoresCase() =>
        Assert.Equal(EmailAddress.Parse("Sophie@Example.com"), EmailAddress.Parse("sophie@example.com"));

    [Theory]
    [InlineData("sophie")]
    [InlineData("sophie@")]
    [InlineData("@example.com")]
    [InlineData("Sophie <sophie@example.com>")]
    public void Parse_RefusesWhatIsNotAnAddress(string raw) =>
        Assert.Throws<DomainException>(() => EmailAddress.Parse(raw));

    [Fact]
    public void Parse_RefusesOverlongAddresses() =>
        Assert.Throws<DomainException>(() => EmailAddress.Parse(new string('a', 250) + "@x.io"));
}
