using System.Globalization;
using System.Text.RegularExpressions;

namespace LeadGrid.Application.Common;

/// <summary>
/// Timestamps as the API takes them, in bodies and query strings alike: RFC 3339 with an explicit offset —
/// <c>2026-04-10T09:21:14Z</c>, <c>2026-04-10T11:21:14.5+02:00</c> — and nothing else (no local times, no
/// culture-dependent dates like <c>1/2/2026</c>).
/// </summary>
public static partial class Timestamps
{
    public const string Expected = "an RFC 3339 timestamp with a time zone, e.g. 2026-04-10T09:21:14Z";

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            return false;
        value = parsed.ToUniversalTime();
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}
