using FluentValidation;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Application.Dossiers;

internal sealed class CreateDossierValidator : AbstractValidator<CreateDossier>
{
    public CreateDossierValidator()
    {
        RuleFor(c => c.Type).NotEmpty()
            .Must(t => DossierTypes.TryParse(t, out _)).WithMessage("'type' must be 'candidate' or 'sales'.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Text.NameMax);
    }
}

internal sealed class LinkContactValidator : AbstractValidator<LinkContact>
{
    public LinkContactValidator()
    {
        RuleFor(c => c.ContactId).NotEmpty();
        RuleFor(c => c.RoleOnDossier).NotEmpty()
            .Must(r => ContactRoles.Names.Contains(r!))
            .WithMessage($"'role_on_dossier' must be one of: {string.Join(", ", ContactRoles.Names)}.");
    }
}

internal sealed class ListDossiersValidator : AbstractValidator<ListDossiers>
{
    public ListDossiersValidator()
    {
        RuleFor(q => q.Type).Must(t => DossierTypes.TryParse(t, out _))
            .WithMessage("'type' must be 'candidate' or 'sales'.").When(q => q.Type is not null);
        RuleForEach(q => q.Statuses).Must(s => DossierStatuses.Names.Contains(s) || s == ListDossiers.AllStatuses)
            .WithMessage($"'status[{{CollectionIndex}}]' has an unknown value '{{PropertyValue}}'; one of: {string.Join(", ", DossierStatuses.Names)}, or all.")
            .OverridePropertyName("status");
        RuleFor(q => q.Statuses).Must(s => !s.Contains(ListDossiers.AllStatuses) || s.All(v => v == ListDossiers.AllStatuses))
            .WithMessage("'status' is 'all' or a list of statuses, not both.").OverridePropertyName("status");
    }
}
