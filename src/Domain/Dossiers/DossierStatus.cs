namespace LeadGrid.Domain.Dossiers;

[System.ComponentModel.Description("A dossier's status; archived dossiers are left out of listings unless asked for.")]
public enum DossierStatus
{
    Active,
    Won,
    Lost,
    Archived,
}
