namespace LeadGrid.Domain.Common;

/// <summary>
/// The changes of a partial edit, collected before any is applied: every field is checked and compared first, so an
/// edit that fails on one field changes none. Keeps the previous value of each changed field under its API name.
/// </summary>
public sealed class PendingChanges
{
    private readonly List<Action> _apply = [];

    public Dictionary<string, object?> Previous { get; } = new(StringComparer.Ordinal);

    /// <summary>A field given in the edit: checked now, applied only if it differs from the current value.</summary>
    public void Set<T>(Optional<T> given, Func<T, T> check, T current, Action<T> assign, string field)
    {
        if (!given.HasValue) return;
        var next = check(given.Value);
        if (EqualityComparer<T>.Default.Equals(next, current)) return;
        Add(field, current, () => assign(next));
    }

    /// <summary>A change worked out by the aggregate itself.</summary>
    public void Add(string field, object? previous, Action apply)
    {
        Previous[field] = previous;
        _apply.Add(apply);
    }

    /// <summary>Applies every collected change.</summary>
    /// <returns>Whether there was any.</returns>
    public bool Apply()
    {
        _apply.ForEach(change => change());
        return _apply.Count > 0;
    }
}
