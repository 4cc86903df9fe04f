using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Organizations;
using LeadGrid.Domain.Common;

namespace LeadGrid.Application.Organizations;

internal sealed class AddMemberValidator : AbstractValidator<AddMember>
{
    public AddMemberValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(Text.EmailMax);
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(Text.NameMax);
    }
}
