using LeadGrid.Application.Common;

namespace LeadGrid.Application.Tests;

public class TimestampsTests
{
    [Theory]
    [InlineData("2026-04-10T09:21:14Z", "2026-04-10T09:21:14Z")]
    [InlineData("2026-04-10T11:21:14+02:00", "2026-04-10T09:21:14Z")]
    [InlineData("2026-04-10t09:21:14.123z", "2026-04-10T09:21:14Z")]
    [InlineData("2026-04-10T04:21:14.1234567-05:00", "2026-04-10T09:21:14Z")]
    public void Rfc3339WithAnOffset_IsReadAsUtc(string text, string expected)
    {
        Assert.True(Timestamps.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(expected, ApiJson.FormatTimestamp(value));
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("2026-01-01T00:00:00")]
    [InlineData("2026-01-01")]
    [InlineData("2026-01-01 00:00:00Z")]
    [InlineData("2026-01-01T00:00Z")]
    [InlineData("2026-01-01T00:00:00+0100")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-01-01T24:00:00Z")]
    [InlineData("2026-01-01T00:00:00.12345678Z")]
    [InlineData(" 2026-01-01T00:00:00Z")]
    [InlineData("Wed, 01 Jan 2026 00:00:00 GMT")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElse_IsRefused(string? text) => Assert.False(Timestamps.TryParse(text, out _));
}
