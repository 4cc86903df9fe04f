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

    public static WebhookUrl Parse(string? raw, string member = nameof(WebhookEndpoint.Url))
    {
        var value = Text.Required(raw, member, Text.UrlMax);
        var uri = Text.HttpUrl(value, member);
        if (value.Contains('#'))
            throw DomainException.Invalid(member, "must not contain a fragment ('#…'); it is never sent.");
        return new WebhookUrl(uri);
    }

    public override string ToString() => Value;
}
