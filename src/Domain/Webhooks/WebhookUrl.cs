using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Webhooks;

/// <summary>
/// Where an endpoint receives its events: an absolute http or https URL of at most 2,048 characters, without user
/// credentials (they would be sent to whoever answers the host), a fragment (never sent), whitespace or control
/// characters. Whether its host may be reached (SSRF) is decided where names are resolved, not here.
/// </summary>
public sealed record WebhookUrl
{
    private WebhookUrl(Uri uri) => Uri = uri;

    public Uri Uri { get; }

    public string Value => Uri.OriginalString;

    public static WebhookUrl Parse(string? raw, string field = "url")
    {
        var value = Text.Required(raw, field, Text.UrlMax);
        if (value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw DomainException.Invalid($"'{field}' must not contain spaces or control characters.");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw DomainException.Invalid($"'{field}' must be an absolute http or https URL.");
        if (uri.UserInfo.Length > 0)
            throw DomainException.Invalid($"'{field}' must not contain a user name or password.");
        if (value.Contains('#'))
            throw DomainException.Invalid($"'{field}' must not contain a fragment ('#…'); it is never sent.");
        return new WebhookUrl(uri);
    }

    public override string ToString() => Value;
}
