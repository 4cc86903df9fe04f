using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

/// <summary>The admin API's representation of an organization.</summary>
public sealed record OrganizationDetails(Guid Id, string Name, string Plan, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    private OrganizationDetails() : this(default, "", "", default, default) { } // for Dapper: property mapping

    public static OrganizationDetails From(Organization o) => new(o.Id, o.Name, o.Plan.ToName(), o.CreatedAt, o.UpdatedAt);
}
