using System.Collections.Concurrent;
using LeadGrid.Domain.Dossiers;
using LeadGrid.Domain.Flows;

namespace LeadGrid.Infrastructure.Flows;

/// <summary>
/// The flows this process has read, per organization, for a minute. Flows are written only when an organization is
/// created (and then forgotten here at commit), so another instance's change can be at most a minute old here; a
/// flow that does not exist is never cached.
/// </summary>
internal sealed class FlowCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, Entry> _byOrganization = new();

    private sealed record Entry(DateTimeOffset Expires, ConcurrentDictionary<Guid, Flow> Flows);

    public Flow? Get(Guid organizationId, Guid flowId) =>
        Fresh(organizationId)?.Flows.GetValueOrDefault(flowId);

    public Flow? GetDefault(Guid organizationId, DossierType type) =>
        Fresh(organizationId)?.Flows.Values.FirstOrDefault(f => f.IsDefault && f.Type == type);

    /// <summary>Remembers <paramref name="flow"/> (when there is one) and returns it.</summary>
    public Flow? Keep(Flow? flow)
    {
        if (flow is null) return null;
        var entry = Fresh(flow.OrganizationId) ?? _byOrganization.AddOrUpdate(flow.OrganizationId,
            _ => new Entry(clock.GetUtcNow() + Lifetime, new ConcurrentDictionary<Guid, Flow>()),
            (_, old) => old.Expires > clock.GetUtcNow() ? old : new Entry(clock.GetUtcNow() + Lifetime, new ConcurrentDictionary<Guid, Flow>()));
        entry.Flows[flow.Id] = flow;
        return flow;
    }

    public void Forget(Guid organizationId) => _byOrganization.TryRemove(organizationId, out _);

    private Entry? Fresh(Guid organizationId) =>
        _byOrganization.TryGetValue(organizationId, out var entry) && entry.Expires > clock.GetUtcNow() ? entry : null;
}
