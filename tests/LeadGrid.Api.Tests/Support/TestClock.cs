namespace LeadGrid.Api.Tests.Support;

/// <summary>
/// The server's clock in tests: real time, shifted by what a test advances it. Timestamps (what durations such as
/// rate-limit refills are measured with) shift too, and can be frozen so that only <see cref="Advance"/> moves them.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;
    private long? _frozenTimestamp;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public override long GetTimestamp() =>
        (_frozenTimestamp ?? base.GetTimestamp()) + (long)(_offset.TotalSeconds * TimestampFrequency);

    public void Advance(TimeSpan by) => _offset += by;

    /// <summary>Stops timestamps where they are; <see cref="Advance"/> still moves them.</summary>
    public void FreezeTimestamps() => _frozenTimestamp = base.GetTimestamp();

    public void Reset()
    {
        _offset = TimeSpan.Zero;
        _frozenTimestamp = null;
    }
}
