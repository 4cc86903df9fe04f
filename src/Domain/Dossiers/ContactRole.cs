using LeadGrid.Domain.Common;

namespace LeadGrid.Domain.Dossiers;

/// <summary>The part a linked contact plays on a dossier (SPEC §6).</summary>
public enum ContactRole
{
    Primary,
    HiringManager,
    DecisionMaker,
    Champion,
    Gatekeeper,
    Introducer,
    Other,
}

public static class ContactRoles
{
    public static readonly IReadOnlyList<string> Names =
        ["primary", "hiring_manager", "decision_maker", "champion", "gatekeeper", "introducer", "other"];

    public static string ToName(this ContactRole role) => Names[(int)role];

    public static ContactRole Parse(string? name, string member = "RoleOnDossier")
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name) return (ContactRole)i;
        throw DomainException.Invalid(member, $"must be one of: {string.Join(", ", Names)}.");
    }
}

/// <summary>A contact on a dossier, with its role and whether it is the dossier's primary contact.</summary>
public sealed record ContactLink(Guid ContactId, ContactRole Role, bool IsPrimary, DateTimeOffset LinkedAt);
