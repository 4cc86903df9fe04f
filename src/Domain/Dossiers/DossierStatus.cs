namespace LeadGrid.Domain.Dossiers;

public enum DossierStatus
{
    Active,
    Won,
    Lost,
    Archived,
}
