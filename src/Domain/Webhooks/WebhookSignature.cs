using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LeadGrid.Domain.Webhooks;

/// <summary>
/// The <c>X-LeadGrid-Signature</c> header (SPEC §9): <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "&lt;t&gt;.&lt;body&gt;"&gt;</c> with the endpoint's secret as the key. While a secret is being rotated, a second
/// <c>v1</c> signed with the old secret comes last: the reference's snippet reads the last <c>v1</c>, so receivers
/// that still hold the old secret keep verifying until they switch.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-LeadGrid-Signature";

    /// <summary>The header value for <paramref name="body"/> (the exact bytes sent) at <paramref name="timestamp"/>.</summary>
    public static string Compute(long timestamp, ReadOnlySpan<byte> body, string secret, string? previousSecret = null)
    {
        var t = timestamp.ToString(CultureInfo.InvariantCulture);
        var header = new StringBuilder(previousSecret is null ? 72 : 140).Append("t=").Append(t);
        header.Append(",v1=").Append(Sign(t, body, secret));
        if (previousSecret is not null)
            header.Append(",v1=").Append(Sign(t, body, previousSecret));
        return header.ToString();
    }

    private static string Sign(string t, ReadOnlySpan<byte> body, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
