using System.Text.Json;
using LeadGrid.Domain.Common;

namespace LeadGrid.Application.Common;

/// <summary>
/// The one table between a closed set of the domain (an enum) and its names on the wire: the snake_case of each
/// member's name, in the enum's order (<c>HiringManager</c> ↔ <c>hiring_manager</c>). One rule for every closed set,
/// and one message for an unknown name.
/// </summary>
public static class WireNames<TEnum> where TEnum : struct, Enum
{
    private static readonly TEnum[] Values = Enum.GetValues<TEnum>();

    /// <summary>Every name, in the enum's order.</summary>
    public static IReadOnlyList<string> All { get; } = Values.Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())).ToArray();

    /// <summary>What a value of the set is called in a message: the last word of the enum's name (ContactKind → kind).</summary>
    private static readonly string Noun = JsonNamingPolicy.SnakeCaseLower.ConvertName(typeof(TEnum).Name).Split('_')[^1];

    public static string Of(TEnum value) => All[Array.IndexOf(Values, value)];

    public static bool IsName(string? name) => name is not null && All.Contains(name);

    public static bool TryParse(string? name, out TEnum value)
    {
        var index = name is null ? -1 : IndexOf(name);
        value = index >= 0 ? Values[index] : default;
        return index >= 0;
    }

    /// <summary>The value named <paramref name="name"/>, or a refusal naming <paramref name="member"/> (its C# name).</summary>
    public static TEnum Parse(string? name, string member) =>
        TryParse(name, out var value) ? value : throw DomainException.Invalid(member, Unknown(name));

    /// <summary>The values named, each checked (an unknown one is refused as <c>member[index]</c>).</summary>
    public static IReadOnlyList<TEnum> ParseAll(IEnumerable<string?> names, string member) =>
        names.Select((name, index) => Parse(name, $"{member}[{index}]")).ToArray();

    /// <summary>What is wrong with a name that is not one of the set (said after the member's name).</summary>
    /// <param name="also">Names a use allows beside the set's own (a listing's <c>all</c>).</param>
    public static string Unknown(string? name, params string[] also) =>
        $"is an unknown {Noun} '{name}'; it must be one of: {string.Join(", ", All.Concat(also))}.";

    private static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}

public static class WireNameExtensions
{
    /// <summary>The value's name on the wire and in the database (<see cref="WireNames{TEnum}"/>).</summary>
    public static string ToName<TEnum>(this TEnum value) where TEnum : struct, Enum => WireNames<TEnum>.Of(value);
}
