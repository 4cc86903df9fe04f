using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Dossiers;

public enum DossierType
{
    Candidate,
    Sales,
}

public static class DossierTypes
{
    /// <summary>Every type's name, in the enum's order.</summary>
    public static readonly IReadOnlyList<string> Names = [DossierType.Candidate.ToName(), DossierType.Sales.ToName()];

    public static string ToName(this DossierType type) => type switch
    {
        DossierType.Candidate => "candidate",
        DossierType.Sales => "sales",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool TryParse(string? name, out DossierType type)
    {
        switch (name)
        {
            case "candidate": type = DossierType.Candidate; return true;
            case "sales": type = DossierType.Sales; return true;
            default: type = default; return false;
        }
    }

    public static DossierType Parse(string? name, string member = "Type") =>
        TryParse(name, out var type) ? type : throw DomainException.Invalid(member, $"must be 'candidate' or 'sales'.");
}
