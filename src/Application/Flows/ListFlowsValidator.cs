using FluentValidation;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Application.Flows;

internal sealed class ListFlowsValidator : AbstractValidator<ListFlows>
{
    public ListFlowsValidator()
    {
        RuleFor(q => q.Type).Must(t => DossierTypes.TryParse(t, out _))
            .WithMessage("'type' must be 'candidate' or 'sales'.").When(q => q.Type is not null);
    }
}
