using System.Security.Cryptography;
using System.Text;

public static class LeadGridWebhook
{
    /// <summary>
    /// Whether the X-LeadGrid-Signature header signs this exact body with your endpoint's secret, and is recent.
    /// Accepts any v1 value, so it keeps working while a secret is being rotated (t=…,v1=&lt;new&gt;,v1=&lt;old&gt;).
    /// </summary>
    public static bool Verify(string header, string body, string secret, TimeSpan? tolerance = null)
    {
        long? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(','))
        {
            var pair = part.Split('=', 2);
            if (pair.Length != 2) continue;
            if (pair[0] == "t" && long.TryParse(pair[1], out var seconds)) t = seconds;
            else if (pair[0] == "v1" && pair[1].Length == 64 && pair[1].All(Uri.IsHexDigit)) signatures.Add(Convert.FromHexString(pair[1]));
        }
        if (t is null || (DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(t.Value)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5)))
            return false;
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return signatures.Any(signature => CryptographicOperations.FixedTimeEquals(expected, signature));
    }
}
