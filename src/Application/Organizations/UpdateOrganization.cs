using System.Diagnostics.CodeAnalysis;
using LeadGrid.Application.ApiKeys;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using MediatR;

namespace LeadGrid.Application.Organizations;

/// <summary>Renames an organization or changes its plan. A plan change reaches cached keys of this instance at once.</summary>
public sealed record UpdateOrganization : ICommand<OrganizationDetails>, IPartial
{
    [DisallowNull] public string? Name { get; init; }
    [DisallowNull] public Plan? Plan { get; init; }

    [SetByServer] public Guid OrganizationId { get; init; }
    [SetByServer] public ISet<string> Given { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}

internal sealed class UpdateOrganizationHandler(IOrganizationRepository organizations, IApiKeyCache keyCache,
    IDbSession session, TimeProvider clock) : IRequestHandler<UpdateOrganization, OrganizationDetails>
{
    public async Task<OrganizationDetails> Handle(UpdateOrganization command, CancellationToken ct)
    {
        var organization = await organizations.GetAsync(command.OrganizationId, ct) ?? throw new NotFoundException("Organization");
        var now = clock.GetUtcNow();
        var renamed = command.Sent(command.Name) is { HasValue: true } name && organization.Rename(name.Value, now);
        var replanned = command.Plan is { } plan && organization.ChangePlan(plan, now); // null is refused by the validator
        if (renamed || replanned)
            await organizations.UpdateAsync(organization, ct);
        if (replanned)
            session.AfterCommit(() => keyCache.EvictOrganization(organization.Id));
        return OrganizationDetails.From(organization);
    }
}
