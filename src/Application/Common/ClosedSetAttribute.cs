namespace LeadGrid.Application.Common;

/// <summary>
/// A string member (or list of strings) whose values are the names of a closed set: an enum's
/// (<see cref="WireNames{TEnum}"/>) or the static <c>All</c> list of a class of names, and <paramref name="also"/>.
/// The OpenAPI document takes the values from here.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ClosedSetAttribute(Type set, params string[] also) : Attribute
{
    public IReadOnlyList<string> Names { get; } = [.. NamesOf(set), .. also];

    /// <summary>The names of an enum, or a class's static <c>All</c> list.</summary>
    public static IReadOnlyList<string> NamesOf(Type set) => set.IsEnum
        ? (IReadOnlyList<string>)typeof(WireNames<>).MakeGenericType(set).GetProperty(nameof(WireNames<DayOfWeek>.All))!.GetValue(null)!
        : (IReadOnlyList<string>)(set.GetField("All")?.GetValue(null) ?? set.GetProperty("All")!.GetValue(null)!);
}
