using FluentValidation;
using LeadGrid.Domain.ApiKeys;
using LeadGrid.Domain.Common;

namespace LeadGrid.Application.ApiKeys;

internal sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Text.NameMax);
        RuleFor(c => c.Scopes).NotEmpty().WithMessage("'scopes' must name at least one scope.");
        RuleForEach(c => c.Scopes)
            .Must(s => s is not null && Scopes.All.Contains(s))
            .WithMessage($"'scopes[{{CollectionIndex}}]' is an unknown scope '{{PropertyValue}}'; known scopes: {string.Join(", ", Scopes.All)}.")
            .OverridePropertyName("scopes");
    }
}
