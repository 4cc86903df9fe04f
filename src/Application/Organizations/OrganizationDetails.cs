using Ardalis.Specification;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

/// <summary>The admin API's representation of an organization (and the row organization specifications filter).</summary>
[RowSource("organizations o", Key = "o.id")]
public sealed record OrganizationDetails : IKeysetRow
{
    [Column("o.id")] public required Guid Id { get; init; }
    [Column("o.name")] public required string Name { get; init; }
    [Column("o.plan"), ClosedSet(typeof(Plan))] public required string Plan { get; init; }
    [Column("o.created_at")] public DateTimeOffset CreatedAt { get; init; }
    [Column("o.updated_at")] public DateTimeOffset UpdatedAt { get; init; }

    public static OrganizationDetails From(Organization o) =>
        new() { Id = o.Id, Name = o.Name, Plan = o.Plan.ToName(), CreatedAt = o.CreatedAt, UpdatedAt = o.UpdatedAt };
}

/// <summary>The organization <paramref name="organizationId"/>: what the admin listings under one require.</summary>
public sealed class OrganizationSpec : Specification<OrganizationDetails>
{
    public OrganizationSpec(Guid organizationId) => Query.Where(o => o.Id == organizationId);

    public static ParentCheck Required(Guid organizationId) => ParentCheck.For(new OrganizationSpec(organizationId), "Organization");
}
