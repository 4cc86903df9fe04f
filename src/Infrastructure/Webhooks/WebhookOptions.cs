using System.Globalization;
using LeadGrid.Domain.Webhooks;
using Microsoft.Extensions.Configuration;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>
/// The <c>Webhooks:*</c> settings (SPEC §12). Durations are written <c>250ms</c>, <c>15s</c>, <c>5m</c>, <c>2h</c>,
/// <c>30d</c> (or as a .NET TimeSpan); a bad value stops the server at start with the key named.
/// </summary>
public sealed record WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Run the dispatcher in this process (off: another process does).</summary>
    public bool Dispatch { get; init; } = true;

    /// <summary>Allow loopback and private targets (development and tests).</summary>
    public bool AllowPrivateTargets { get; init; }

    public RetrySchedule RetrySchedule { get; init; } = RetrySchedule.Standard;

    /// <summary>Per attempt: connecting, sending and reading the start of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a dispatcher looks for work committed by other instances.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long delivered events and their delivery logs are kept.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Requests in flight to one endpoint at most (one endpoint is claimed by one dispatcher at a time).</summary>
    public int MaxInFlightPerEndpoint { get; init; } = 4;

    /// <summary>Requests in flight from this dispatcher at most.</summary>
    public int MaxInFlight { get; init; } = 256;

    /// <summary>
    /// How long a claimed delivery is reserved: past it, a crashed dispatcher's claim is due again. Twice the attempt's
    /// timeout and a margin for recording the result (35 s by default).
    /// </summary>
    public TimeSpan ClaimLease => Timeout * 2 + TimeSpan.FromSeconds(5);

    public static WebhookOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var defaults = new WebhookOptions();
        return new WebhookOptions
        {
            Dispatch = Flag(section, nameof(Dispatch), defaults.Dispatch),
            AllowPrivateTargets = Flag(section, nameof(AllowPrivateTargets), defaults.AllowPrivateTargets),
            RetrySchedule = section[nameof(RetrySchedule)] is { Length: > 0 } schedule
                ? new RetrySchedule(schedule.Split(',').Select(d => Durations.Parse(d, $"{Section}:{nameof(RetrySchedule)}")).ToArray())
                : defaults.RetrySchedule,
            Timeout = Positive(section, nameof(Timeout), defaults.Timeout),
            PollInterval = Positive(section, nameof(PollInterval), defaults.PollInterval),
            Retention = Positive(section, nameof(Retention), defaults.Retention),
            MaxInFlightPerEndpoint = Count(section, nameof(MaxInFlightPerEndpoint), defaults.MaxInFlightPerEndpoint),
            MaxInFlight = Count(section, nameof(MaxInFlight), defaults.MaxInFlight),
        };
    }

    private static bool Flag(IConfiguration section, string key, bool fallback) =>
        section[key] is not { Length: > 0 } raw ? fallback
        : bool.TryParse(raw, out var value) ? value
        : throw new InvalidOperationException($"{Section}:{key} must be true or false, not '{raw}'.");

    private static TimeSpan Positive(IConfiguration section, string key, TimeSpan fallback)
    {
        if (section[key] is not { Length: > 0 } raw) return fallback;
        var value = Durations.Parse(raw, $"{Section}:{key}");
        return value > TimeSpan.Zero ? value : throw new InvalidOperationException($"{Section}:{key} must be longer than zero.");
    }

    private static int Count(IConfiguration section, string key, int fallback) =>
        section[key] is not { Length: > 0 } raw ? fallback
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value
        : throw new InvalidOperationException($"{Section}:{key} must be a whole number of at least 1, not '{raw}'.");
}

/// <summary>Durations in configuration: a number and a unit (ms, s, m, h, d), or a .NET TimeSpan.</summary>
public static class Durations
{
    public static TimeSpan Parse(string raw, string key)
    {
        var text = raw.Trim();
        var unitStart = text.Length;
        while (unitStart > 0 && char.IsAsciiLetter(text[unitStart - 1])) unitStart--;
        if (unitStart > 0 && unitStart < text.Length
            && double.TryParse(text[..unitStart], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            TimeSpan? value = text[unitStart..] switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (value is { } parsed) return parsed;
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
            return span;
        throw new InvalidOperationException($"{key}: '{raw}' is not a duration; write e.g. 250ms, 15s, 5m, 2h or 30d.");
    }
}
