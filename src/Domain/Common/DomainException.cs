namespace LeadGrid.Domain.Common;

/// <summary>A broken invariant. <see cref="Code"/> is the stable error code of the API's envelope.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;

    public static DomainException Invalid(string message) => new(ErrorCodes.InvalidBody, message);
}
