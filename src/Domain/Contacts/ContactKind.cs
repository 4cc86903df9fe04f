using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Contacts;

/// <summary>What a contact is to the organization; a contact can be several at once (SPEC §5).</summary>
public enum ContactKind
{
    Candidate,
    Prospect,
    Client,
    Supplier,
    Partner,
}

public static class ContactKinds
{
    public static readonly IReadOnlyList<string> Names = ["candidate", "prospect", "client", "supplier", "partner"];

    public static string ToName(this ContactKind kind) => Names[(int)kind];

    public static bool TryParse(string? name, out ContactKind kind)
    {
        var index = name is null ? -1 : Names.IndexOf(name);
        kind = (ContactKind)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>A set of kinds: unknown names refused, duplicates dropped, in the canonical order.</summary>
    public static IReadOnlyList<ContactKind> ParseSet(IEnumerable<string?>? names, string member = nameof(ContactFields.Kind))
    {
        var kinds = new SortedSet<ContactKind>();
        var index = 0;
        foreach (var name in names ?? [])
        {
            if (!TryParse(name, out var kind))
                throw DomainException.Invalid($"{member}[{index}]", $"is an unknown kind '{name}'; known kinds: {string.Join(", ", Names)}.");
            kinds.Add(kind);
            index++;
        }
        return kinds.ToArray();
    }
}

file static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
        return -1;
    }
}
