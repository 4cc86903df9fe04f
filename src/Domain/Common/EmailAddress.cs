using System.Net.Mail;

namespace LeadGrid.Domain.Common;

/// <summary>An email address, trimmed and checked. Equality is case-insensitive, as uniqueness is.</summary>
public sealed record EmailAddress
{
    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    public static EmailAddress Parse(string? raw, string member = "Email")
    {
        var value = Text.Required(raw, member, Text.EmailMax);
        if (!MailAddress.TryCreate(value, out var parsed) || parsed.Address != value || !value.Contains('@'))
            throw DomainException.Invalid(member, "is not a valid email address.");
        return new EmailAddress(value);
    }

    public bool Equals(EmailAddress? other) =>
        other is not null && string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    public override string ToString() => Value;
}
