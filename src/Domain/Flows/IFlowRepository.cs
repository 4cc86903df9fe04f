namespace LeadGrid.Domain.Flows;

public interface IFlowRepository
{
    Task<Flow?> GetAsync(Guid organizationId, Guid id, CancellationToken ct);
    Task AddAsync(Flow flow, CancellationToken ct);
}
