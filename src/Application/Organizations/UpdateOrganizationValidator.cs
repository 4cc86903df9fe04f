using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

internal sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Text.NameMax).When(c => c.Given.Contains(nameof(c.Name)));
        RuleFor(c => c.Plan).NotNull().When(c => c.Given.Contains(nameof(c.Plan)));
    }
}
