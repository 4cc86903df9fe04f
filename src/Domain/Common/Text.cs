namespace LeadGrid.Domain.Common;

/// <summary>Shared checks for the free-text fields of aggregates (SPEC §1: trimmed, empty means missing, length limits).</summary>
public static class Text
{
    public const int NameMax = 200;
    public const int EmailMax = 254;
    public const int PhoneMax = 50;
    public const int UrlMax = 2048;
    public const int NotesMax = 20_000;

    public static string Required(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw DomainException.Invalid($"'{field}' is required.");
        if (trimmed.Length > max)
            throw DomainException.Invalid($"'{field}' must be at most {max} characters.");
        return trimmed;
    }

    public static string? Optional(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        if (trimmed.Length > max)
            throw DomainException.Invalid($"'{field}' must be at most {max} characters.");
        return trimmed;
    }

    /// <summary>An absolute http(s) URL, or null when empty.</summary>
    public static string? OptionalHttpUrl(string? value, string field)
    {
        var url = Optional(value, field, UrlMax);
        if (url is null) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
            throw DomainException.Invalid($"'{field}' must be an http or https URL.");
        return url;
    }
}
