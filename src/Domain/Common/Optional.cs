namespace LeadGrid.Domain.Common;

/// <summary>
/// A field of a partial update: absent (leave as is) or present with a value, which may be null (clear it).
/// The API's JSON reader tells the two apart.
/// </summary>
public readonly struct Optional<T>
{
    private readonly T _value;

    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    public bool HasValue { get; }

    public T Value => HasValue ? _value : throw new InvalidOperationException("No value was given.");

    public static implicit operator Optional<T>(T value) => new(value);

    public override string ToString() => HasValue ? $"{_value}" : "(absent)";
}
