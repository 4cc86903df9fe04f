using System.Security.Cryptography;
using System.Text;

namespace LeadGrid.Domain.ApiKeys;

/// <summary>
/// The key format: <c>lg_live_</c>, 32 base62 characters of randomness (≈190 bits), then a 6-character base62
/// CRC32 checksum of that randomness, as GitHub's tokens do. The checksum lets a mistyped or truncated key be
/// refused without a database lookup and lets secret scanners recognise leaked keys. Only the SHA-256 hash of the
/// whole key is ever stored.
/// </summary>
public static class ApiKeyToken
{
    public const string Prefix = "lg_live_";
    public const int SecretLength = 32;
    public const int ChecksumLength = 6;
    public const int Length = 8 + SecretLength + ChecksumLength;
    private const int DisplayChars = 6;
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Generate()
    {
        var secret = new string(RandomNumberGenerator.GetItems<char>(Alphabet, SecretLength));
        return Prefix + secret + Checksum(secret);
    }

    /// <summary>Shape and checksum only; says nothing about whether the key exists.</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> token)
    {
        if (token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var body = token[Prefix.Length..];
        foreach (var c in body)
            if (Alphabet.IndexOf(c) < 0) return false;
        var secret = body[..SecretLength];
        return body[SecretLength..].SequenceEqual(Checksum(secret));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>The non-secret part shown in listings: the prefix and the first few characters.</summary>
    public static string DisplayPrefix(string token) => token[..(Prefix.Length + DisplayChars)];

    private static string Checksum(ReadOnlySpan<char> secret)
    {
        var crc = Crc32(secret);
        Span<char> chars = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(crc % 62)];
            crc /= 62;
        }
        return new string(chars);
    }

    private static uint Crc32(ReadOnlySpan<char> text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in text)
        {
            crc ^= (byte)c;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
