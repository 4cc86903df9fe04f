namespace LeadGrid.Domain.Common;

/// <summary>Shared checks for the free-text fields of aggregates (SPEC §1: trimmed, empty means missing, length limits).</summary>
public static class Text
{
    public const int NameMax = 200;
    public const int EmailMax = 254;

    public static string Required(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw DomainException.Invalid($"'{field}' is required.");
        if (trimmed.Length > max)
            throw DomainException.Invalid($"'{field}' must be at most {max} characters.");
        return trimmed;
    }

    public static string? Optional(string? value, string field, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        if (trimmed.Length > max)
            throw DomainException.Invalid($"'{field}' must be at most {max} characters.");
        return trimmed;
    }
}
