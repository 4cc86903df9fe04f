using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Application.Flows;

internal sealed class ListFlowsValidator : AbstractValidator<ListFlows>
{
    public ListFlowsValidator()
    {
        RuleFor(q => q.Type).Must(WireNames<DossierType>.IsName)
            .WithMessage($"'type' {WireNames<DossierType>.Unknown("{PropertyValue}")}").When(q => q.Type is not null);
    }
}
