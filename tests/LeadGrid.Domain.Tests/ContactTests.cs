using LeadGrid.Domain.Common;
using LeadGrid.Domain.Contacts;

namespace LeadGrid.Domain.Tests;

public class ContactTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 10, 9, 21, 14, TimeSpan.Zero);
    private static readonly Guid Org = Guid.CreateVersion7();

    private static ContactFields Fields(string? fullName = "Sophie van Dijk", string? email = null, string? linkedin = null,
        ContactKind[]? kind = null, string? phone = null, DateTimeOffset? poolUntil = null) =>
        new() { FullName = fullName!, Email = email, Phone = phone, LinkedinUrl = linkedin, Kind = kind, PoolUntil = poolUntil };

    private static Patch<ContactFields> Edit(Optional<string?> fullName = default, Optional<string?> email = default,
        Optional<ContactKind[]?> kind = default, Optional<string?> city = default, Optional<DateTimeOffset?> poolUntil = default)
    {
        var given = new HashSet<string>();
        T? Take<T>(Optional<T> field, string name)
        {
            if (!field.HasValue) return default;
            given.Add(name);
            return field.Value;
        }
        var values = new ContactFields
        {
            FullName = Take(fullName, nameof(ContactFields.FullName))!, Email = Take(email, nameof(ContactFields.Email)),
            Kind = Take(kind, nameof(ContactFields.Kind)), City = Take(city, nameof(ContactFields.City)),
            PoolUntil = Take(poolUntil, nameof(ContactFields.PoolUntil)),
        };
        return new Patch<ContactFields>(values, given);
    }

    [Fact]
    public void Create_TrimsAndKeepsEveryField()
    {
        var contact = Contact.Create(Org, new ContactFields
        {
            FullName = " Sophie ", Email = " Sophie@Example.com ", Phone = "+31 6 1", LinkedinUrl = "https://linkedin.com/in/s", Company = "Adyen",
            Role = "Engineer", City = "Amsterdam", Kind = [ContactKind.Candidate], Notes = "Met at a meetup", PoolUntil = Now.AddDays(90),
        }, Now);

        Assert.Equal("Sophie", contact.State.FullName);
        Assert.Equal("Sophie@Example.com", contact.State.Email);
        Assert.Equal([ContactKind.Candidate], contact.State.Kind);
        Assert.Equal(Now, contact.State.UpdatedAt);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Create_WithoutFullName_Throws(string? name)
    {
        var ex = Assert.Throws<DomainException>(() => Contact.Create(Org, Fields(fullName: name), Now));

        Assert.Contains("'FullName'", ex.Message);
    }

    [Fact]
    public void Create_EmptyEmail_MeansNoEmail() => Assert.Null(Contact.Create(Org, Fields(email: "  "), Now).State.Email);

    [Fact]
    public void Create_InvalidEmail_Throws() =>
        Assert.Contains("'Email'", Assert.Throws<DomainException>(() => Contact.Create(Org, Fields(email: "sophie"), Now)).Message);

    [Theory]
    [InlineData("ftp://linkedin.com/in/s")]
    [InlineData("javascript:alert(1)")]
    [InlineData("linkedin.com/in/s")]
    public void Create_LinkedinUrlMustBeHttpOrHttps(string url) =>
        Assert.Contains("'LinkedinUrl'", Assert.Throws<DomainException>(() => Contact.Create(Org, Fields(linkedin: url), Now)).Message);

    [Fact]
    public void Create_KindsDropDuplicatesInCanonicalOrder()
    {
        var contact = Contact.Create(Org, Fields(kind: [ContactKind.Partner, ContactKind.Candidate, ContactKind.Partner]), Now);

        Assert.Equal([ContactKind.Candidate, ContactKind.Partner], contact.State.Kind);
    }

    [Fact]
    public void Create_TooLongPhone_Throws() =>
        Assert.Throws<DomainException>(() => Contact.Create(Org, Fields(phone: new string('1', 51)), Now));

    [Fact]
    public void Edit_OnlyTheGivenFieldsChange()
    {
        var contact = Contact.Create(Org, Fields(email: "s@example.com", kind: [ContactKind.Candidate]), Now);

        Assert.True(contact.Edit(Edit(city: "Rotterdam"), Now.AddHours(1)));

        Assert.Equal("Rotterdam", contact.State.City);
        Assert.Equal("s@example.com", contact.State.Email);
        Assert.Equal([ContactKind.Candidate], contact.State.Kind);
        Assert.Equal(Now.AddHours(1), contact.State.UpdatedAt);
    }

    [Fact]
    public void Edit_NullClearsAnOptionalField()
    {
        var contact = Contact.Create(Org, Fields(email: "s@example.com", poolUntil: Now.AddDays(1)), Now);

        contact.Edit(Edit(email: new Optional<string?>(null), poolUntil: new Optional<DateTimeOffset?>(null)), Now);

        Assert.Null(contact.State.Email);
        Assert.Null(contact.State.PoolUntil);
    }

    [Fact]
    public void Edit_KindReplacesTheWholeSet()
    {
        var contact = Contact.Create(Org, Fields(kind: [ContactKind.Candidate, ContactKind.Client]), Now);

        contact.Edit(Edit(kind: new Optional<ContactKind[]?>([ContactKind.Supplier])), Now);

        Assert.Equal([ContactKind.Supplier], contact.State.Kind);
    }

    [Fact]
    public void Edit_ToTheSameValues_ChangesNothing()
    {
        var contact = Contact.Create(Org, Fields(email: "s@example.com", kind: [ContactKind.Client, ContactKind.Candidate]), Now);

        var changed = contact.Edit(Edit(fullName: " Sophie van Dijk ", email: "s@example.com",
            kind: new Optional<ContactKind[]?>([ContactKind.Candidate, ContactKind.Client, ContactKind.Client])), Now.AddHours(1));

        Assert.False(changed);
        Assert.Equal(Now, contact.State.UpdatedAt);
    }

    [Fact]
    public void Edit_ChangingOnlyTheEmailsCase_IsAChange()
    {
        var contact = Contact.Create(Org, Fields(email: "sophie@example.com"), Now);

        Assert.True(contact.Edit(Edit(email: "Sophie@Example.com"), Now));
        Assert.Equal("Sophie@Example.com", contact.State.Email);
    }

    [Fact]
    public void Edit_ThatFailsOnOneField_ChangesNoOther()
    {
        var contact = Contact.Create(Org, Fields(email: "s@example.com"), Now);

        Assert.Throws<DomainException>(() => contact.Edit(Edit(city: "Rotterdam", email: "not an email"), Now));

        Assert.Null(contact.State.City);
        Assert.Equal(Now, contact.State.UpdatedAt);
    }

    [Fact]
    public void Edit_NullFullName_Throws()
    {
        var contact = Contact.Create(Org, Fields(), Now);

        Assert.Throws<DomainException>(() => contact.Edit(Edit(fullName: new Optional<string?>(null)), Now));
    }
}
