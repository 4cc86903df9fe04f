namespace LeadGrid.Domain.Common;

/// <summary>What kind of rule a <see cref="DomainException"/> says was broken; the edge decides how each is answered.</summary>
public enum DomainError
{
    /// <summary>A value the rules refuse.</summary>
    Invalid,

    /// <summary>A value larger than the rules allow (a CV over 10 MB).</summary>
    TooLarge,

    /// <summary>A webhook endpoint is disabled, and the action needs it enabled.</summary>
    EndpointDisabled,
}

/// <summary>
/// A broken invariant. <see cref="Member"/> names the input it concerns by its C# member name (<c>FullName</c>, and
/// <c>Kind[1]</c> for an element of a list), which the edge turns into the name on the wire; <see cref="Detail"/> says
/// what is wrong and reads after that name (<c>is required.</c>). The domain knows neither JSON nor HTTP.
/// </summary>
public sealed class DomainException(DomainError error, string? member, string detail)
    : Exception(member is null ? detail : $"'{member}' {detail}")
{
    public DomainError Error { get; } = error;

    public string? Member { get; } = member;

    public string Detail { get; } = detail;

    /// <summary>A refused value of <paramref name="member"/> (null: the input as a whole).</summary>
    public static DomainException Invalid(string? member, string detail) => new(DomainError.Invalid, member, detail);
}
