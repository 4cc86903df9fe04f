using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Tests;

public class TextTests
{
    [Theory]
    [InlineData("ab\u0000cd")]
    [InlineData("a\u0001b")]
    [InlineData("a\u001fb")]
    [InlineData("a\u007fb")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    public void OneLineFields_RefuseEveryControlCharacter(string value)
    {
        var refused = Assert.Throws<DomainException>(() => Text.Optional(value, "company", Text.NameMax));
        Assert.Equal("'company' must not contain control characters.", refused.Message);
        Assert.Throws<DomainException>(() => Text.Required(value, "name", Text.NameMax));
    }

    [Theory]
    [InlineData("line one\nline two")]
    [InlineData("line one\r\nline two")]
    [InlineData("col\tcol")]
    public void LongTexts_TakeTabsAndLineBreaks(string value) =>
        Assert.Equal(value, Text.OptionalMultiline(value, "notes", Text.NotesMax));

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\u000bb")]
    [InlineData("a\u001bb")]
    public void LongTexts_RefuseOtherControlCharacters(string value) =>
        Assert.Equal("'content' must not contain control characters.",
            Assert.Throws<DomainException>(() => Text.RequiredMultiline(value, "content", Text.NotesMax)).Message);

    [Fact]
    public void UnpairedSurrogates_AreRefusedEverywhere()
    {
        // Built here: xUnit would turn a lone surrogate in InlineData into U+FFFD before the test saw it.
        string[] values = ["a" + (char)0xD800 + "b", ((char)0xDC00).ToString(), "a" + (char)0xDC00 + (char)0xD800];
        foreach (var value in values)
        {
            Assert.Throws<DomainException>(() => Text.Required(value, "name", Text.NameMax));
            Assert.Throws<DomainException>(() => Text.OptionalMultiline(value, "notes", Text.NotesMax));
        }
    }

    [Theory]
    [InlineData("😀 Zoë Ünal")]
    [InlineData("O'Brien; DROP TABLE contacts;--")]
    [InlineData("\u202eevil")]
    public void PairedSurrogatesAndPrintableText_Pass(string value) => Assert.Equal(value, Text.Required(value, "name", Text.NameMax));

    [Theory]
    [InlineData("http://user:pass@host.example/", "'linkedin_url' must not contain a user name or password.")]
    [InlineData("https://evil.example/\r\nX: y", "'linkedin_url' must not contain control characters.")]
    [InlineData("https://example.com/a b", "'linkedin_url' must not contain spaces.")]
    [InlineData("ftp://example.com/", "'linkedin_url' must be an absolute http or https URL.")]
    public void Urls_AreHttpWithoutCredentialsSpacesOrControlCharacters(string url, string message) =>
        Assert.Equal(message, Assert.Throws<DomainException>(() => Text.OptionalHttpUrl(url, "linkedin_url")).Message);
}
