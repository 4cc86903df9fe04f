using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Organizations;

/// <summary>A customer account: owns every other aggregate through its id; its plan decides API access.</summary>
public sealed class Organization : AggregateRoot
{
    private Organization(Guid id, string name, Plan plan, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        Id = id;
        Name = name;
        Plan = plan;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    public Guid Id { get; }
    public string Name { get; private set; }
    public Plan Plan { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Organization Create(string? name, Plan plan, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), Text.Required(name, nameof(Name), Text.NameMax), plan, now, now);

    public static Organization Restore(Guid id, string name, Plan plan, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        new(id, name, plan, createdAt, updatedAt);

    /// <returns>Whether anything changed.</returns>
    public bool Rename(string? name, DateTimeOffset now)
    {
        var next = Text.Required(name, nameof(Name), Text.NameMax);
        if (next == Name) return false;
        Name = next;
        UpdatedAt = now;
        return true;
    }

    /// <returns>Whether anything changed.</returns>
    public bool ChangePlan(Plan plan, DateTimeOffset now)
    {
        if (plan == Plan) return false;
        Plan = plan;
        UpdatedAt = now;
        return true;
    }
}
