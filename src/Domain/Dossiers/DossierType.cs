namespace LeadGrid.Domain.Dossiers;

public enum DossierType
{
    Candidate,
    Sales,
}
