using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace LeadGrid.Application.Common;

/// <summary>
/// Outermost behaviour: logs each use case with its duration, at Debug: the access log already gives every request one
/// line at Information with its status and duration, and unexpected failures are logged as errors where they are answered.
/// </summary>
internal sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        const LogLevel level = LogLevel.Debug;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (logger.IsEnabled(level))
                logger.Log(level, "{UseCase} handled in {ElapsedMs:0.0} ms", typeof(TRequest).Name,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            if (logger.IsEnabled(level))
                logger.Log(level, "{UseCase} failed after {ElapsedMs:0.0} ms: {Error}", typeof(TRequest).Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}
