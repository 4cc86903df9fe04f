using System.Security.Cryptography;

namespace LeadGrid.Domain.Webhooks;

/// <summary>
/// An endpoint's signing secret: <c>whsec_</c> and 40 base62 characters (≈238 bits). The HMAC key is the whole string
/// as UTF-8, exactly as the reference's verification snippet uses it.
/// </summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    private const int RandomLength = 40;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate() => Prefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, RandomLength));
}
