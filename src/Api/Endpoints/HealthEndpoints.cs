using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeadGrid.Api.Endpoints;

internal static class HealthEndpoints
{
    /// <summary><c>/health</c>: the process answers. <c>/health/ready</c>: and the database does too. No auth.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .WithTags("Operations");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = Write,
            ResultStatusCodes = { [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable },
        }).WithTags("Operations");
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        if (report.Status != HealthStatus.Healthy)
            context.Response.Headers.RetryAfter = "5";
        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "ok" : "unavailable"),
        });
    }
}
