namespace LeadGrid.Application.Common;

/// <summary>
/// What a JSON converter of <see cref="ApiJson"/> (or a type written by hand) puts on the wire, in JSON Schema words:
/// schema generators cannot see through a converter, so it says it where it is written.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class WritesAttribute(string type, string? format = null) : Attribute
{
    /// <summary>The JSON type: string, number, boolean.</summary>
    public string Type => type;
    public string? Format => format;
    public string? MediaType { get; init; }
    public string? Minimum { get; init; }
    /// <summary>0: any.</summary>
    public double MultipleOf { get; init; }
}
