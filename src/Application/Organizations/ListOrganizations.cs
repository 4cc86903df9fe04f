using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Every organization, newest first (operators only).</summary>
public sealed record ListOrganizations(PageRequest Page) : IRequest<Paged<OrganizationDetails>>;

internal sealed class ListOrganizationsHandler(IDbSession session) : IRequestHandler<ListOrganizations, Paged<OrganizationDetails>>
{
    public async Task<Paged<OrganizationDetails>> Handle(ListOrganizations query, CancellationToken ct)
    {
        var spec = new SqlSpec("o.created_at", "o.id")
            .OrderBy("o.created_at", descending: true).OrderBy("o.id", descending: true)
            .Page(query.Page);
        return await session.QueryPageAsync<OrganizationDetails>(spec,
            "SELECT o.id, o.name, o.plan, o.created_at AS CreatedAt, o.updated_at AS UpdatedAt FROM organizations o",
            "FROM organizations o", ct);
    }
}
