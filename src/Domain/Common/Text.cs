namespace LeadGrid.Domain.Common;

/// <summary>
/// Shared checks for the free-text members of aggregates (SPEC §1: trimmed, empty means missing, length limits); an
/// error names the member (C# name) it was checked for. No text
/// may hold a control character or an unpaired surrogate (PostgreSQL refuses NUL; the rest is never meant): a
/// one-line member (a name, a phone, a URL) none at all, a long text (notes) only tab and line breaks.
/// </summary>
public static class Text
{
    public const int NameMax = 200;
    public const int EmailMax = 254;
    public const int PhoneMax = 50;
    public const int UrlMax = 2048;
    public const int NotesMax = 20_000;

    public static string Required(string? value, string member, int max) => Check(Present(value, member), member, max, multiline: false);

    public static string? Optional(string? value, string member, int max) =>
        Trimmed(value) is { } trimmed ? Check(trimmed, member, max, multiline: false) : null;

    /// <summary>A required long text: tab and line breaks allowed.</summary>
    public static string RequiredMultiline(string? value, string member, int max) => Check(Present(value, member), member, max, multiline: true);

    /// <summary>An optional long text: tab and line breaks allowed.</summary>
    public static string? OptionalMultiline(string? value, string member, int max) =>
        Trimmed(value) is { } trimmed ? Check(trimmed, member, max, multiline: true) : null;

    /// <summary>An absolute http(s) URL without credentials, spaces or control characters, or null when empty.</summary>
    public static string? OptionalHttpUrl(string? value, string member) =>
        Optional(value, member, UrlMax) is { } url ? HttpUrl(url, member).OriginalString : null;

    /// <summary>The checks every stored URL gets; <paramref name="url"/> is already trimmed and free of control characters.</summary>
    public static Uri HttpUrl(string url, string member)
    {
        if (url.Any(char.IsWhiteSpace))
            throw DomainException.Invalid(member, "must not contain spaces.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw DomainException.Invalid(member, "must be an absolute http or https URL.");
        if (uri.UserInfo.Length > 0)
            throw DomainException.Invalid(member, "must not contain a user name or password.");
        return uri;
    }

    /// <summary>The first character no text may hold (<paramref name="multiline"/>: tab, CR and LF allowed), or null.</summary>
    public static int? ForbiddenCharacterAt(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || (char.IsControl(c) && c <= '\u007f' && !(multiline && c is '\t' or '\n' or '\r')))
                return i;
        }
        return null;
    }

    /// <summary>The message for a forbidden character, the same wherever it is found (after the member's name).</summary>
    public const string ForbiddenCharacterMessage = "must not contain control characters.";

    private static string? Trimmed(string? value) => string.IsNullOrEmpty(value?.Trim()) ? null : value.Trim();

    private static string Present(string? value, string member) =>
        Trimmed(value) ?? throw DomainException.Invalid(member, "is required.");

    private static string Check(string value, string member, int max, bool multiline)
    {
        if (ForbiddenCharacterAt(value, multiline) is not null)
            throw DomainException.Invalid(member, $"{ForbiddenCharacterMessage}");
        if (value.Length > max)
            throw DomainException.Invalid(member, $"must be at most {max} characters.");
        return value;
    }
}
