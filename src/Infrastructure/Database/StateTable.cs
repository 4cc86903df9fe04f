using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using LeadGrid.Application.Common;

namespace LeadGrid.Infrastructure.Database;

/// <summary>
/// The table an aggregate's state record is stored in, its statements derived from the record: a member is the column
/// of its snake_case name (<c>OrganizationId</c> is <c>org_id</c>, and <paramref name="renames"/> name the others
/// that differ), a closed set is stored by its wire name (<see cref="WireNames{TEnum}"/>). So a new field of the state
/// needs its migration and nothing here.
/// </summary>
internal sealed class StateTable<TState> where TState : class, new()
{
    private static readonly PropertyInfo[] Members = typeof(TState)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p is { CanRead: true, CanWrite: true })
        .ToArray();

    private readonly Dictionary<string, string> _columns;

    public StateTable(string table, params (string Member, string Column)[] renames)
    {
        _columns = Members.ToDictionary(p => p.Name, p => renames.FirstOrDefault(r => r.Member == p.Name).Column
            ?? (p.Name == "OrganizationId" ? "org_id" : JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)));
        Insert = $"INSERT INTO {table} ({string.Join(", ", Members.Select(p => _columns[p.Name]))})\n" +
                 $"VALUES ({string.Join(", ", Members.Select(p => "@" + p.Name))})";
        Update = $"UPDATE {table} SET {string.Join(", ", Members.Where(p => p.Name is not ("Id" or "OrganizationId")).Select(p => $"{_columns[p.Name]} = @{p.Name}"))}\n" +
                 "WHERE org_id = @OrganizationId AND id = @Id";
        SelectList = string.Join(", ", Members.Select(p => $"{_columns[p.Name]}{Cast(p.PropertyType)} AS \"{p.Name}\""));
    }

    /// <summary>The INSERT of one state, its parameters named as the members.</summary>
    public string Insert { get; }

    /// <summary>The UPDATE of every member but the keys, by <c>(org_id, id)</c>.</summary>
    public string Update { get; }

    /// <summary><c>column AS "Member"</c> for every member, for a SELECT that <see cref="Read"/> maps back.</summary>
    public string SelectList { get; }

    /// <summary>The state's members as parameters: closed sets by name, everything else as Npgsql takes it.</summary>
    public Dictionary<string, object?> Parameters(TState state) =>
        Members.ToDictionary(p => p.Name, p => ToDatabase(p.GetValue(state)), StringComparer.Ordinal);

    /// <summary>A state from a row selected by <see cref="SelectList"/> (Dapper's dynamic row).</summary>
    public TState Read(IDictionary<string, object?> row)
    {
        var state = new TState();
        foreach (var member in Members)
            member.SetValue(state, FromDatabase(row[member.Name], member.PropertyType, member.Name));
        return state;
    }

    /// <summary>Strings and closed sets read as text (citext, for one, has no reader of its own).</summary>
    private static string Cast(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return inner == typeof(string) || inner.IsEnum ? "::text" : inner.IsArray && inner.GetElementType()!.IsEnum ? "::text[]" : "";
    }

    private static object? ToDatabase(object? value) => value switch
    {
        Enum e => EnumNames.Of(e.GetType()).ToName(e),
        Array { } array when array.GetType().GetElementType()!.IsEnum =>
            array.Cast<Enum>().Select(e => EnumNames.Of(e.GetType()).ToName(e)).ToArray(),
        _ => value,
    };

    private static object? FromDatabase(object? value, Type type, string member)
    {
        if (value is null or DBNull) return null;
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum) return EnumNames.Of(inner).Parse((string)value, member);
        if (inner.IsArray && inner.GetElementType()!.IsEnum)
        {
            var names = (string[])value;
            var values = Array.CreateInstance(inner.GetElementType()!, names.Length);
            for (var i = 0; i < names.Length; i++)
                values.SetValue(EnumNames.Of(inner.GetElementType()!).Parse(names[i], $"{member}[{i}]"), i);
            return values;
        }
        if (inner == typeof(DateTimeOffset) && value is DateTime at)
            return new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        return value;
    }

    /// <summary>
    /// <see cref="WireNames{TEnum}"/> of an enum known only at run time: its name table, read once per type, so a write
    /// or a read looks names up in a dictionary (an unknown name is refused by WireNames' own Parse, with its message).
    /// </summary>
    private sealed class EnumNames
    {
        private static readonly ConcurrentDictionary<Type, EnumNames> ByType = new();

        private readonly Dictionary<Enum, string> _names = [];
        private readonly Dictionary<string, Enum> _values = new(StringComparer.Ordinal);
        private readonly MethodInfo _parse;

        private EnumNames(Type type)
        {
            var names = typeof(WireNames<>).MakeGenericType(type);
            var all = (IReadOnlyList<string>)names.GetProperty(nameof(WireNames<DayOfWeek>.All))!.GetValue(null)!;
            var values = Enum.GetValues(type);
            for (var i = 0; i < all.Count; i++)
            {
                _names[(Enum)values.GetValue(i)!] = all[i];
                _values[all[i]] = (Enum)values.GetValue(i)!;
            }
            _parse = names.GetMethod(nameof(WireNames<DayOfWeek>.Parse))!;
        }

        public static EnumNames Of(Type type) => ByType.GetOrAdd(type, t => new EnumNames(t));

        public string ToName(Enum value) => _names[value];

        public Enum Parse(string name, string member) => _values.TryGetValue(name, out var value)
            ? value
            : (Enum)_parse.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [name, member], null)!;
    }
}
