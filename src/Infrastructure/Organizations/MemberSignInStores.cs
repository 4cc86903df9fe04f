using System.Security.Cryptography;
using System.Text;
using LeadGrid.Application.Common;
using LeadGrid.Application.Organizations;
using LeadGrid.Domain.Organizations;
using LeadGrid.Infrastructure.Database;
using Microsoft.AspNetCore.Identity;

namespace LeadGrid.Infrastructure.Organizations;

/// <summary>Invites in PostgreSQL: 32 random bytes as base64url in the URL, their SHA-256 in the table.</summary>
internal sealed class MemberInvites(IDbSession session) : IMemberInvites
{
    public async Task<MemberInvite> IssueAsync(Member member, DateTimeOffset now, CancellationToken ct)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiresAt = now + IMemberInvites.Lifetime;
        await session.ExecuteAsync("""
            DELETE FROM member_invites WHERE member_id = @MemberId;
            INSERT INTO member_invites (token_hash, org_id, member_id, created_at, expires_at)
            VALUES (@TokenHash, @OrganizationId, @MemberId, @Now, @ExpiresAt);
            """, new { TokenHash = Hash(token), member.OrganizationId, MemberId = member.Id, Now = now, ExpiresAt = expiresAt }, ct);
        return new MemberInvite(token, expiresAt);
    }

    public async Task<Member?> FindMemberAsync(string token, DateTimeOffset now, CancellationToken ct)
    {
        if (token.Length is 0 or > 100) return null;
        var row = await session.QuerySingleOrDefaultAsync<OrganizationRepository.MemberRow>($"""
            SELECT {OrganizationRepository.MemberRow.Columns}
            FROM member_invites i JOIN members m ON m.id = i.member_id AND m.org_id = i.org_id
            WHERE i.token_hash = @TokenHash AND i.expires_at > @Now
            FOR UPDATE OF i
            """, new { TokenHash = Hash(token), Now = now }, ct);
        return row?.ToMember();
    }

    public Task EndAsync(Member member, CancellationToken ct) =>
        session.ExecuteAsync("DELETE FROM member_invites WHERE member_id = @Id", new { member.Id }, ct);

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>ASP.NET Core Identity's PasswordHasher (PBKDF2, its current format and iteration count).</summary>
internal sealed class PasswordHashing : IPasswordHashing
{
    private static readonly object User = new();
    private static readonly PasswordHasher<object> Hasher = new();
    private static readonly string Decoy = Hasher.HashPassword(User, "decoy password that nobody has");

    public string Hash(string password) => Hasher.HashPassword(User, password);

    public bool Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(User, hash ?? Decoy, password);
        return hash is not null && result != PasswordVerificationResult.Failed;
    }
}

/// <summary>Members by email and the failed sign-ins per email, in PostgreSQL (shared by every instance).</summary>
internal sealed class SignInStore(IDbSession session) : ISignInStore
{
    public async Task<IReadOnlyList<Member>> MembersWithEmailAsync(string email, CancellationToken ct)
    {
        var rows = await session.QueryAsync<OrganizationRepository.MemberRow>($"""
            SELECT {OrganizationRepository.MemberRow.Columns}
            FROM members m WHERE m.email = @email::citext AND m.password_hash IS NOT NULL ORDER BY m.created_at, m.id
            """, new { email }, ct);
        return rows.Select(r => r.ToMember()).ToList();
    }

    public async Task<bool> IsLockedAsync(string email, DateTimeOffset now, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM sign_in_failures WHERE email = @email::citext AND locked_until > @now)", new { email, now }, ct);

    public Task RecordFailureAsync(string email, DateTimeOffset now, int maxFailures, TimeSpan window, TimeSpan lockout, CancellationToken ct) =>
        session.ExecuteAsync("""
            INSERT INTO sign_in_failures AS f (email, failures, window_start, locked_until)
            VALUES (@email::citext, 1, @now, NULL)
            ON CONFLICT (email) DO UPDATE SET
                failures = CASE WHEN f.window_start > @now - @window THEN f.failures + 1 ELSE 1 END,
                window_start = CASE WHEN f.window_start > @now - @window THEN f.window_start ELSE @now END,
                locked_until = CASE WHEN f.window_start > @now - @window AND f.failures + 1 >= @maxFailures
                                    THEN @now + @lockout ELSE f.locked_until END
            """, new { email, now, window, lockout, maxFailures }, ct);

    public Task ClearFailuresAsync(string email, CancellationToken ct) =>
        session.ExecuteAsync("DELETE FROM sign_in_failures WHERE email = @email::citext", new { email }, ct);
}
