using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Organizations;

namespace LeadGrid.Application.Organizations;

internal sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Text.NameMax);
        RuleFor(c => c.Plan).NotNull();
    }
}
