namespace LeadGrid.Application.Common;

/// <summary>The resource in the path does not exist in the caller's organization (SPEC §2: same answer either way).</summary>
public sealed class NotFoundException(string resource) : Exception($"{resource} not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>A rule the database or the use case found broken, with its stable error code (e.g. duplicate_contact).</summary>
public sealed class ConflictException(string code, string message, string? param = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The input field the conflict is about (duplicate_contact: <c>email</c>), or null.</summary>
    public string? Param { get; } = param;
}

/// <summary>The database could not be reached or did not answer in time; safe to retry (503 unavailable).</summary>
public sealed class UnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Turns a database provider's exception into one of the application's, in one place (Infrastructure knows the provider).</summary>
public interface IDatabaseErrorTranslator
{
    Exception? Translate(Exception exception);
}
