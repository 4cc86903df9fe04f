using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Dossiers;

public enum DossierStatus
{
    Active,
    Won,
    Lost,
    Archived,
}

public static class DossierStatuses
{
    public static readonly IReadOnlyList<string> Names = ["active", "won", "lost", "archived"];

    public static string ToName(this DossierStatus status) => Names[(int)status];

    public static DossierStatus Parse(string? name, string member = "Status")
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name) return (DossierStatus)i;
        throw DomainException.Invalid(member, $"must be one of: {string.Join(", ", Names)}.");
    }
}
