using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.ApiKeys;

/// <summary>The scopes an API key can carry (SPEC §3).</summary>
[System.ComponentModel.Description("What an API key may do.")]
public static class Scopes
{
    public const string DossiersRead = "dossiers:read";
    public const string DossiersWrite = "dossiers:write";
    public const string ContactsRead = "contacts:read";
    public const string ContactsWrite = "contacts:write";
    public const string FlowsRead = "flows:read";
    public const string NotesRead = "notes:read";
    public const string NotesWrite = "notes:write";

    public static readonly IReadOnlyList<string> All =
        [DossiersRead, DossiersWrite, ContactsRead, ContactsWrite, FlowsRead, NotesRead, NotesWrite];

    /// <summary>Checks each scope, drops duplicates and orders them as <see cref="All"/> does.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string?>? scopes)
    {
        if (scopes is null)
            throw DomainException.Invalid(nameof(ApiKey.Scopes), "is required.");
        var given = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var scope in scopes)
        {
            var s = scope?.Trim();
            if (s is null || !All.Contains(s))
                throw DomainException.Invalid($"{nameof(ApiKey.Scopes)}[{index}]", $"is an unknown scope '{scope}'; known scopes: {string.Join(", ", All)}.");
            given.Add(s);
            index++;
        }
        if (given.Count == 0)
            throw DomainException.Invalid(nameof(ApiKey.Scopes), "must name at least one scope.");
        return All.Where(given.Contains).ToArray();
    }
}
