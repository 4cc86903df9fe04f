namespace LeadGrid.Domain.Flows;

public interface IFlowRepository
{
    Task<Flow?> GetAsync(Guid organizationId, Guid id, CancellationToken ct);

    /// <summary>The organization's default flow for a dossier type.</summary>
    Task<Flow?> GetDefaultAsync(Guid organizationId, Dossiers.DossierType type, CancellationToken ct);
    Task AddAsync(Flow flow, CancellationToken ct);
}
