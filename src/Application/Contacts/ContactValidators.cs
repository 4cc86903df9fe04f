using FluentValidation;
using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;

namespace LeadGrid.Application.Contacts;

internal sealed class CreateContactValidator : AbstractValidator<CreateContact>
{
    public CreateContactValidator()
    {
        RuleFor(c => c.FullName).NotEmpty();
        Include(new ContactFieldsValidator());
    }
}

internal sealed class UpdateContactValidator : AbstractValidator<UpdateContact>
{
    public UpdateContactValidator()
    {
        RuleFor(c => c.FullName).NotEmpty().WithMessage("'full_name' cannot be empty or null.")
            .When(c => c.Given.Contains(nameof(c.FullName)));
        Include(new ContactFieldsValidator());
    }
}

/// <summary>The lengths a contact's fields may have, whether they come with a create or a PATCH.</summary>
internal sealed class ContactFieldsValidator : AbstractValidator<ContactFields>
{
    public ContactFieldsValidator()
    {
        RuleFor(c => c.FullName).MaximumLength(Text.NameMax);
        RuleFor(c => c.Email).MaximumLength(Text.EmailMax);
        RuleFor(c => c.Phone).MaximumLength(Text.PhoneMax);
        RuleFor(c => c.LinkedinUrl).MaximumLength(Text.UrlMax);
        RuleFor(c => c.Company).MaximumLength(Text.NameMax);
        RuleFor(c => c.Role).MaximumLength(Text.NameMax);
        RuleFor(c => c.City).MaximumLength(Text.NameMax);
        RuleFor(c => c.Notes).MaximumLength(Text.NotesMax);
    }
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
        RuleFor(q => q.Search).MaximumLength(ListContacts.SearchMaxLength)
            .Must(s => s is null || Text.ForbiddenCharacterAt(s, multiline: false) is null)
            .WithMessage($"'search' {Text.ForbiddenCharacterMessage}")
            .Must(s => s is null || RowFilters.Words(s).Count <= ListContacts.SearchMaxWords)
            .WithMessage($"'search' must have at most {ListContacts.SearchMaxWords} words.");
    }
}
