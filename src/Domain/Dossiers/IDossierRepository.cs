namespace LeadGrid.Domain.Dossiers;

public interface IDossierRepository
{
    /// <summary>Loads the dossier with its contact links and locks it for the rest of the transaction.</summary>
    Task<Dossier?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct);

    Task AddAsync(Dossier dossier, CancellationToken ct);

    /// <summary>Saves the dossier's fields and brings its contact links in line with <see cref="Dossier.Links"/>.</summary>
    Task UpdateAsync(Dossier dossier, CancellationToken ct);
}

public interface INoteRepository
{
    Task AddAsync(Note note, CancellationToken ct);
}
