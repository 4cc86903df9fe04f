using LeadGrid.Application.Common;
using LeadGrid.Application.Contacts;
using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;
using NSubstitute;

namespace LeadGrid.Application.Tests;

public class ContactHandlerTests
{
    private static readonly Guid Org = Guid.CreateVersion7();
    private readonly IContactRepository _contacts = Substitute.For<IContactRepository>();

    private static UpdateContact Patch(string? city, ContactKind[]? kind = null)
    {
        var patch = new UpdateContact { City = city, Kind = kind, Given = { nameof(UpdateContact.City) } };
        if (kind is not null) patch.Given.Add(nameof(UpdateContact.Kind));
        return patch;
    }

    private Contact Existing()
    {
        var contact = Contact.Create(Org, new ContactFields
        {
            FullName = "Sophie", Email = "s@example.com", City = "Amsterdam", Kind = [ContactKind.Candidate],
        }, DateTimeOffset.UtcNow.AddDays(-1));
        _contacts.GetForUpdateAsync(Org, contact.Id, Arg.Any<CancellationToken>()).Returns(contact);
        return contact;
    }

    [Fact]
    public async Task CreateContact_AddsTheContactToItsOrganization()
    {
        var handler = new CreateContactHandler(_contacts, TimeProvider.System);

        var id = await handler.Handle(new CreateContact { FullName = "Sophie", Kind = [ContactKind.Client], OrganizationId = Org }, CancellationToken.None);

        await _contacts.Received(1).AddAsync(Arg.Is<Contact>(c => c.Id == id && c.OrganizationId == Org && c.State.Kind!.Single() == ContactKind.Client),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateContact_ThatChangesSomething_SavesIt()
    {
        var contact = Existing();
        var handler = new UpdateContactHandler(_contacts, TimeProvider.System);

        await handler.Handle(Patch(city: "Rotterdam", kind: new ContactKind[] { ContactKind.Client }) with { OrganizationId = Org, ContactId = contact.Id },
            CancellationToken.None);

        await _contacts.Received(1).UpdateAsync(Arg.Is<Contact>(c => c.State.City == "Rotterdam" && c.State.Kind!.Single() == ContactKind.Client),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateContact_ThatChangesNothing_WritesNothing()
    {
        var contact = Existing();
        var handler = new UpdateContactHandler(_contacts, TimeProvider.System);

        await handler.Handle(Patch(city: "Amsterdam") with { OrganizationId = Org, ContactId = contact.Id }, CancellationToken.None);

        await _contacts.DidNotReceive().UpdateAsync(Arg.Any<Contact>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task UpdateContact_Unknown_IsNotFound()
    {
        var handler = new UpdateContactHandler(_contacts, TimeProvider.System);

        await Assert.ThrowsAsync<NotFoundException>(() =>
            handler.Handle(Patch(city: "X") with { OrganizationId = Org, ContactId = Guid.CreateVersion7() }, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteContact_Unknown_IsNotFound()
    {
        var handler = new DeleteContactHandler(_contacts);

        await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new DeleteContact(Org, Guid.CreateVersion7()), CancellationToken.None));
    }

    [Fact]
    public void ListContactsValidator_RefusesUnknownKindsAndPools()
    {
        var validator = new ListContactsValidator();

        var result = validator.Validate(new ListContacts(Org, ["candidate", "boss"], "forever", null, PageRequest.Default));

        Assert.Contains(result.Errors, e => e.ErrorMessage.StartsWith("'kind[1]'") && e.ErrorMessage.Contains("'boss'"));
        Assert.Contains(result.Errors, e => e.ErrorMessage.StartsWith("'pool'"));
    }
}
