using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

internal sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        RuleFor(c => c.Name.Value).NotEmpty().MaximumLength(Text.NameMax).OverridePropertyName("name")
            .When(c => c.Name.HasValue);
        RuleFor(c => c.Plan.Value).NotNull().OverridePropertyName("plan").When(c => c.Plan.HasValue);
    }
}
