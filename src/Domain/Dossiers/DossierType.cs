namespace LeadGrid.Domain.Dossiers;

[System.ComponentModel.Description("A dossier's (and a flow's) type: a candidate in hiring, or a deal in sales.")]
public enum DossierType
{
    Candidate,
    Sales,
}
