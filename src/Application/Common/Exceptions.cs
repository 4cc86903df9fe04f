namespace LeadGrid.Application.Common;

/// <summary>The resource in the path does not exist in the caller's organization (SPEC §2: same answer either way).</summary>
public sealed class NotFoundException(string resource) : Exception($"{resource} not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>Which rule a <see cref="ConflictException"/> is about; the edge decides how each is answered.</summary>
public enum Conflict
{
    /// <summary>Another contact of the organization has the email.</summary>
    DuplicateContact,

    /// <summary>Another member of the organization has the email.</summary>
    DuplicateMember,

    /// <summary>Anything else the database refused as a duplicate.</summary>
    Other,
}

/// <summary>A rule the database or the use case found broken by the current state (e.g. a contact's email already taken).</summary>
public sealed class ConflictException(Conflict conflict, string message, string? member = null) : Exception(message)
{
    public Conflict Conflict { get; } = conflict;

    /// <summary>The input member the conflict is about (a duplicate contact: <c>Email</c>), or null.</summary>
    public string? Member { get; } = member;
}

/// <summary>The database could not be reached or did not answer in time; safe to retry (503 unavailable).</summary>
public sealed class UnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns a database provider's exception into one of the application's, in one place (Infrastructure knows the provider).</summary>
public interface IDatabaseErrorTranslator
{
    Exception? Translate(Exception exception);
}
