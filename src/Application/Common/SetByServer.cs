namespace LeadGrid.Application.Common;

/// <summary>
/// A member of a request the server sets (from the path, the API key or the upload), never from the JSON body: it is
/// left out of the JSON contract, so a body that names it is refused like any unknown field (SPEC §1), where
/// <c>[JsonIgnore]</c> would have skipped it silently.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SetByServerAttribute : Attribute;
