using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Creates an organization with its two default flows, one per dossier type (SPEC §7, §12).</summary>
public sealed record CreateOrganization(string? Name, Plan? Plan) : ICommand<OrganizationDetails>;

internal sealed class CreateOrganizationHandler(IOrganizationRepository organizations, IFlowRepository flows, TimeProvider clock)
    : IRequestHandler<CreateOrganization, OrganizationDetails>
{
    public async Task<OrganizationDetails> Handle(CreateOrganization command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var organization = Organization.Create(command.Name, command.Plan!.Value, now);
        await organizations.AddAsync(organization, ct);
        await flows.AddAsync(Flow.CreateDefault(organization.Id, DossierType.Candidate, now), ct);
        await flows.AddAsync(Flow.CreateDefault(organization.Id, DossierType.Sales, now), ct);
        return OrganizationDetails.From(organization);
    }
}
