namespace LeadGrid.Domain.Contacts;

public interface IContactRepository
{
    /// <summary>Loads and locks the contact for the rest of the transaction, so concurrent edits cannot lose each other's changes.</summary>
    Task<Contact?> GetForUpdateAsync(Guid organizationId, Guid id, CancellationToken ct);

    Task AddAsync(Contact contact, CancellationToken ct);

    Task<bool> ExistsAsync(Guid organizationId, Guid id, CancellationToken ct);

    /// <summary>
    /// Adds the contact unless one with its email already exists in the organization (any case), and returns the id of
    /// whichever it is. Two racing callers with one email get the same contact, never a conflict.
    /// </summary>
    Task<Guid> AddOrFindByEmailAsync(Contact contact, CancellationToken ct);
    Task UpdateAsync(Contact contact, CancellationToken ct);

    /// <returns>Whether a contact was deleted.</returns>
    Task<bool> DeleteAsync(Guid organizationId, Guid id, CancellationToken ct);
}
