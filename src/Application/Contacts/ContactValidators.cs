using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;

namespace LeadGrid.Application.Contacts;

internal sealed class CreateContactValidator : AbstractValidator<CreateContact>
{
    public CreateContactValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().MaximumLength(Text.NameMax);
        RuleFor(c => c.Email).MaximumLength(Text.EmailMax);
        RuleFor(c => c.Phone).MaximumLength(Text.PhoneMax);
        RuleFor(c => c.LinkedinUrl).MaximumLength(Text.UrlMax);
        RuleFor(c => c.Company).MaximumLength(Text.NameMax);
        RuleFor(c => c.Role).MaximumLength(Text.NameMax);
        RuleFor(c => c.City).MaximumLength(Text.NameMax);
        RuleFor(c => c.Notes).MaximumLength(Text.NotesMax);
    }
}

internal sealed class UpdateContactValidator : AbstractValidator<UpdateContact>
{
    public UpdateContactValidator()
    {
        RuleFor(c => c.FullName.Value).NotEmpty().WithMessage("'full_name' cannot be empty or null.")
            .MaximumLength(Text.NameMax).OverridePropertyName("full_name").WithName("full_name").When(c => c.FullName.HasValue);
        MaxLength(c => c.Email, "email", Text.EmailMax);
        MaxLength(c => c.Phone, "phone", Text.PhoneMax);
        MaxLength(c => c.LinkedinUrl, "linkedin_url", Text.UrlMax);
        MaxLength(c => c.Company, "company", Text.NameMax);
        MaxLength(c => c.Role, "role", Text.NameMax);
        MaxLength(c => c.City, "city", Text.NameMax);
        MaxLength(c => c.Notes, "notes", Text.NotesMax);
    }

    private void MaxLength(Func<UpdateContact, Optional<string?>> field, string name, int max) =>
        RuleFor(c => field(c).HasValue ? field(c).Value : null).MaximumLength(max).OverridePropertyName(name);
}

internal sealed class ListContactsValidator : AbstractValidator<ListContacts>
{
    public ListContactsValidator()
    {
        RuleForEach(q => q.Kinds)
            .Must(WireNames<ContactKind>.IsName)
            .WithMessage($"'kind[{{CollectionIndex}}]' {WireNames<ContactKind>.Unknown("{PropertyValue}")}")
            .OverridePropertyName("kind");
        RuleFor(q => q.Pool)
            .Must(p => p is null or ListContacts.InPool or ListContacts.Expired)
            .WithMessage("'pool' must be 'in_pool' or 'expired'.");
        RuleFor(q => q.Search).MaximumLength(200)
            .Must(s => s is null || Text.ForbiddenCharacterAt(s, multiline: false) is null)
            .WithMessage($"'search' {Text.ForbiddenCharacterMessage}");
    }
}
