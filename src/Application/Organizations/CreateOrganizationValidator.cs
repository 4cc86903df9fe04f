using FluentValidation;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

internal sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Text.NameMax);
        RuleFor(c => c.Plan).NotEmpty()
            .Must(p => Plans.Names.Contains(p!)).WithMessage("'plan' must be one of: free, pro, growth.");
    }
}
