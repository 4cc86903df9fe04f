using System.Collections;
using System.Reflection;

namespace LeadGrid.Domain.Common;

/// <summary>
/// A partial edit of a record of fields: the values sent, and which members were sent (by their C# names). A member
/// that was not sent keeps its value; one sent as null clears it.
/// </summary>
public sealed record Patch<TFields>(TFields Values, IReadOnlySet<string> Given) where TFields : class, new()
{
    /// <summary>Nothing given: a patch that changes no field.</summary>
    public static Patch<TFields> None { get; } = new(new TFields(), new HashSet<string>());

    /// <summary><paramref name="current"/> with the given members taken from <see cref="Values"/>.</summary>
    public TFields ApplyTo(TFields current) => Fields<TFields>.Merge(current, Values, Given);
}

/// <summary>
/// The members of a record (its public settable properties, a base record's first), read once: so a state record is
/// merged, compared and copied member by member without a line per field, and a new field is written only where it
/// is declared.
/// </summary>
public static class Fields<T> where T : class, new()
{
    private static readonly PropertyInfo[] Members = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0)
        .OrderBy(p => Depth(p.DeclaringType!))
        .ThenBy(p => p.MetadataToken)
        .ToArray();

    /// <summary>A new <typeparamref name="T"/> with each member from <paramref name="values"/> if given, else from <paramref name="current"/>.</summary>
    public static T Merge(T current, T values, IReadOnlySet<string> given)
    {
        var merged = new T();
        foreach (var member in Members)
            member.SetValue(merged, member.GetValue(given.Contains(member.Name) ? values : current));
        return merged;
    }

    /// <summary>
    /// <paramref name="target"/>, a copy just made (<c>state with { … }</c>), with every member of <typeparamref name="T"/>
    /// set from <paramref name="fields"/>.
    /// </summary>
    public static TState Onto<TState>(TState target, T fields) where TState : T
    {
        foreach (var member in Members)
            member.SetValue(target, member.GetValue(fields));
        return target;
    }

    /// <summary>The members whose values differ (lists by their items), each with its value in <paramref name="before"/>.</summary>
    public static Dictionary<string, object?> Changes(T before, T after)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var member in Members)
        {
            var (old, now) = (member.GetValue(before), member.GetValue(after));
            if (!Same(old, now))
                changes[member.Name] = old;
        }
        return changes;
    }

    private static bool Same(object? a, object? b) =>
        a is IEnumerable first && b is IEnumerable second && a is not string
            ? first.Cast<object?>().SequenceEqual(second.Cast<object?>())
            : Equals(a, b);

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }
}
