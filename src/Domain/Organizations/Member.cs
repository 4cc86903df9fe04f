using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Organizations;

/// <summary>A user of an organization; dossiers are assigned to members.</summary>
public sealed class Member : AggregateRoot
{
    private Member(Guid id, Guid organizationId, EmailAddress email, string fullName, DateTimeOffset createdAt)
    {
        Id = id;
        OrganizationId = organizationId;
        Email = email;
        FullName = fullName;
        CreatedAt = createdAt;
    }

    public Guid Id { get; }
    public Guid OrganizationId { get; }
    public EmailAddress Email { get; }
    public string FullName { get; }
    public DateTimeOffset CreatedAt { get; }

    public static Member Restore(Guid id, Guid organizationId, string email, string fullName, DateTimeOffset createdAt) =>
        new(id, organizationId, EmailAddress.Parse(email), fullName, createdAt);

    public static Member Join(Guid organizationId, string? email, string? fullName, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), organizationId, EmailAddress.Parse(email),
            Text.Required(fullName, "full_name", Text.NameMax), now);
}
