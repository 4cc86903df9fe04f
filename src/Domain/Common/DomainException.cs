namespace LeadGrid.Domain.Common;

/// <summary>A broken invariant. <see cref="Code"/> is the stable error code of the API's envelope.</summary>
public sealed class DomainException(string code, string message, string? param = null) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The input field the error concerns (SPEC §2 <c>param</c>, e.g. <c>kind[1]</c>), or null.</summary>
    public string? Param { get; } = param ?? (code == ErrorCodes.InvalidBody ? ErrorParam.Leading(message) : null);

    /// <summary>An invalid input; a message about one field starts with its quoted name, which becomes the param.</summary>
    public static DomainException Invalid(string message, string? param = null) => new(ErrorCodes.InvalidBody, message, param);
}

/// <summary>
/// The field an input error names. The house style of every such message is to start with the field's quoted name
/// (<c>'deal_size' must be a number.</c>), so the machine-readable <c>param</c> always equals what a person reads.
/// </summary>
public static class ErrorParam
{
    /// <summary>The quoted name a message starts with (<c>'kind[1]' …</c> → <c>kind[1]</c>), or null.</summary>
    public static string? Leading(string message)
    {
        if (message.Length < 3 || message[0] != '\'') return null;
        var end = message.IndexOf('\'', 1);
        if (end <= 1) return null;
        var name = message[1..end];
        foreach (var ch in name)
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is '_' or '[' or ']' or '.' or '-'))
                return null;
        return name;
    }
}
