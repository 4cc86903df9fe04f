namespace LeadGrid.Domain.Dossiers;

/// <summary>The part a linked contact plays on a dossier (SPEC §6).</summary>
[System.ComponentModel.Description("The role a contact has on a dossier.")]
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

/// <summary>A contact on a dossier, with its role and whether it is the dossier's primary contact.</summary>
public sealed record ContactLink(Guid ContactId, ContactRole Role, bool IsPrimary, DateTimeOffset LinkedAt);
