using LeadGrid.Application.Common;
using MediatR;

namespace LeadGrid.Application.Organizations;

public sealed record GetOrganization(Guid OrganizationId) : IRequest<OrganizationDetails>;

internal sealed class GetOrganizationHandler(IDbSession session) : IRequestHandler<GetOrganization, OrganizationDetails>
{
    public async Task<OrganizationDetails> Handle(GetOrganization query, CancellationToken ct) =>
        await session.GetAsync<OrganizationDetails>(null, query.OrganizationId, "Organization", ct);
}
