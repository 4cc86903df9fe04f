using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Renames an organization or changes its plan. A plan change reaches cached keys of this instance at once.</summary>
public sealed record UpdateOrganization(Optional<string?> Name, Optional<Plan?> Plan) : ICommand<OrganizationDetails>
{
    [SetByServer] public Guid OrganizationId { get; init; }
}

internal sealed class UpdateOrganizationHandler(IOrganizationRepository organizations, IApiKeyCache keyCache,
    IDbSession session, TimeProvider clock) : IRequestHandler<UpdateOrganization, OrganizationDetails>
{
    public async Task<OrganizationDetails> Handle(UpdateOrganization command, CancellationToken ct)
    {
        var organization = await organizations.GetAsync(command.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var now = clock.GetUtcNow();
        var renamed = command.Name.HasValue && organization.Rename(command.Name.Value, now);
        var replanned = command.Plan.HasValue && organization.ChangePlan(command.Plan.Value!.Value, now);
        if (renamed || replanned)
            await organizations.UpdateAsync(organization, ct);
        if (replanned)
            session.AfterCommit(() => keyCache.EvictOrganization(organization.Id));
        return OrganizationDetails.From(organization);
    }
}
