using LeadGrid.Application.RateLimits;
using Microsoft.Extensions.Configuration;

namespace LeadGrid.Infrastructure.RateLimits;

internal static class RateLimitConfiguration
{
    public static RateLimitOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("RateLimits");
        var byPlan = new Dictionary<string, RateLimit>(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in section.GetChildren().Where(c => c.GetSection("PerMinute").Value is not null))
        {
            var raw = plan.GetSection("PerMinute").Value!;
            if (!int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perMinute) || perMinute < 1)
                throw new InvalidOperationException($"RateLimits:{plan.Key}:PerMinute must be a whole number ≥ 1, not '{raw}'.");
            byPlan[plan.Key] = new RateLimit(perMinute);
        }
        var store = (section["Store"] ?? "memory").Trim().ToLowerInvariant();
        if (store is not ("memory" or "redis"))
            throw new InvalidOperationException($"RateLimits:Store must be 'memory' or 'redis', not '{section["Store"]}'.");
        return new RateLimitOptions
        {
            ByPlan = byPlan,
            Default = byPlan.TryGetValue("growth", out var growth) ? growth : new RateLimit(RateLimitOptions.DefaultPerMinute),
            Store = store,
        };
    }
}
