using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Dossiers;

namespace LeadGrid.Application.Dossiers;

internal sealed class CreateDossierValidator : AbstractValidator<CreateDossier>
{
    public CreateDossierValidator()
    {
        RuleFor(c => c.Type).NotNull();
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Text.NameMax);
    }
}

internal sealed class LinkContactValidator : AbstractValidator<LinkContact>
{
    public LinkContactValidator()
    {
        RuleFor(c => c.ContactId).NotEmpty();
        RuleFor(c => c.RoleOnDossier).NotNull();
    }
}

internal sealed class ListDossiersValidator : AbstractValidator<ListDossiers>
{
    public ListDossiersValidator()
    {
        RuleFor(q => q.Type).Must(WireNames<DossierType>.IsName)
            .WithMessage($"'type' {WireNames<DossierType>.Unknown("{PropertyValue}")}").When(q => q.Type is not null);
        RuleForEach(q => q.Statuses).Must(s => WireNames<DossierStatus>.IsName(s) || s == ListDossiers.AllStatuses)
            .WithMessage($"'status[{{CollectionIndex}}]' {WireNames<DossierStatus>.Unknown("{PropertyValue}", ListDossiers.AllStatuses)}")
            .OverridePropertyName("status");
        RuleFor(q => q.Statuses).Must(s => !s.Contains(ListDossiers.AllStatuses) || s.All(v => v == ListDossiers.AllStatuses))
            .WithMessage("'status' is 'all' or a list of statuses, not both.").OverridePropertyName("status");
    }
}
