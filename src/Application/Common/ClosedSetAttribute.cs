namespace LeadGrid.Application.Common;

/// <summary>
/// A string member, parameter or list whose values are the names of a closed set: an enum's
/// (<see cref="WireNames{TEnum}"/>) or a class's static <c>All</c> list, and <paramref name="also"/>. The OpenAPI
/// document refers to the set by <see cref="SchemaName"/> (an enum's own name unless it has more names), or lists the
/// values where it has none.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ClosedSetAttribute(Type? set, params string[] also) : Attribute
{
    public IReadOnlyList<string> Names { get; } = [.. set is null ? [] : NamesOf(set), .. also];

    /// <summary>The set's name in the document, when it is not an enum's own.</summary>
    public string? Name { get; init; }

    public string? SchemaName => Name ?? (set is { IsEnum: true } && also.Length == 0 ? set.Name : null);

    /// <summary>What the set is, when it is not the <c>[Description]</c> of its type.</summary>
    public string? Description { get => field ?? (set?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false) is [System.ComponentModel.DescriptionAttribute d] ? d.Description : null); init; }

    /// <summary>The names of an enum, or a class's static <c>All</c> list.</summary>
    public static IReadOnlyList<string> NamesOf(Type set) => set.IsEnum
        ? (IReadOnlyList<string>)typeof(WireNames<>).MakeGenericType(set).GetProperty(nameof(WireNames<DayOfWeek>.All))!.GetValue(null)!
        : (IReadOnlyList<string>)(set.GetField("All")?.GetValue(null) ?? set.GetProperty("All")!.GetValue(null)!);
}
