using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Organizations;

/// <summary>
/// A user of an organization; dossiers are assigned to members. A member signs in to the organization's settings
/// once a password is set through an invite (SPEC §13); an <see cref="MemberRole.Admin"/> manages keys and webhooks,
/// a <see cref="MemberRole.Member"/> sees them.
/// </summary>
public sealed class Member : AggregateRoot
{
    public const int PasswordMin = 12;
    public const int PasswordMax = 1024;

    private Member(Guid id, Guid organizationId, EmailAddress email, string fullName, MemberRole role, string? passwordHash, DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        Email = email;
        FullName = fullName;
        Role = role;
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public EmailAddress Email { get; }
    public string FullName { get; }
    public MemberRole Role { get; }

    /// <summary>The password as ASP.NET Core Identity's hasher stores it; null until the member sets one.</summary>
    public string? PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public static Member Restore(Guid id, Guid organizationId, string email, string fullName, MemberRole role, string? passwordHash,
        DateTimeOffset createdAt) =>
        new(id, organizationId, EmailAddress.Parse(email), fullName, role, passwordHash, createdAt);

    /// <summary>A new member; the first of an organization is its admin whatever was asked (SPEC §13).</summary>
    public static Member Join(Guid organizationId, string? email, string? fullName, MemberRole role, bool isFirst, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), organizationId, EmailAddress.Parse(email),
            Text.Required(fullName, nameof(FullName), Text.NameMax), isFirst ? MemberRole.Admin : role, null, now);

    /// <summary>Checks a new password's length (at least 12 characters); the hash is made by the caller's hasher.</summary>
    public static void CheckPassword(string? password)
    {
        if (password is null || password.Length < PasswordMin)
            throw DomainException.Invalid(nameof(password), $"must be at least {PasswordMin} characters long.");
        if (password.Length > PasswordMax)
            throw DomainException.Invalid(nameof(password), $"must be at most {PasswordMax} characters long.");
    }

    public void SetPasswordHash(string hash) => PasswordHash = hash;
}

[System.ComponentModel.Description("A member's role: admins manage keys and webhooks under Settings → API.")]
public enum MemberRole
{
    Member,
    Admin,
}
