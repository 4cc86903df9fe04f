using LeadGrid.Application.Common;
using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using LeadGrid.Application.Webhooks;
using LeadGrid.Domain.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LeadGrid.Infrastructure.Webhooks;

/// <summary>Wakes the dispatcher of this process; extra wakes cost one look at the database, none are lost.</summary>
internal sealed class WebhookDispatchSignal : IWebhookDispatchSignal
{
    private readonly SemaphoreSlim _wakes = new(0);
    private int _pending;

    public void Wake()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
            _wakes.Release();
    }

    /// <summary>Waits for a wake or the timeout.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        await _wakes.WaitAsync(timeout, ct);
        Volatile.Write(ref _pending, 0);
    }
}

/// <summary>
/// Delivers the outbox (SPEC §9): a hosted service, off with <c>Webhooks:Dispatch=false</c> so another process can run
/// it. It wakes when this instance commits an event, and polls every <c>Webhooks:PollInterval</c> for events committed
/// elsewhere. Each round fans events out into deliveries and claims due ones (one round trip); each claimed delivery
/// is sent on its own, at most <c>MaxInFlightPerEndpoint</c> per endpoint and <c>MaxInFlight</c> in all, so a slow or
/// dead receiver holds only its own slots; results are recorded in batches. Any number of instances may run it at
/// once: claims use SKIP LOCKED and a lease, so an event is sent once in normal operation, and again (never lost)
/// when a dispatcher dies between sending and recording.
/// </summary>
internal sealed partial class WebhookDispatcher(WebhookStore store, WebhookSender sender, WebhookOptions options,
    WebhookDispatchSignal signal, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);
    private const int PruneBatch = 5000;
    private const int RecordBatch = 500;

    private readonly Channel<AttemptRecord> _results = Channel.CreateUnbounded<AttemptRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, byte> _finished = new(); // sent, result not recorded yet
    private readonly ConcurrentDictionary<Task, byte> _sends = new();
    private readonly CancellationTokenSource _abortSends = new();
    private DateTimeOffset _lastProblemLogged = DateTimeOffset.MinValue;
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recorder = Task.Run(RecordLoopAsync, CancellationToken.None);
        var pruner = Task.Run(() => PruneLoopAsync(stoppingToken), CancellationToken.None);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var more = await RunRoundAsync(stoppingToken);
                if (!more)
                    await signal.WaitAsync(options.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Attempts under way get a moment to finish and be recorded; any still running after it are abandoned, and
            // their leases bring them back (to this instance after a restart, or to another one).
            await Task.WhenAny(Task.WhenAll(_sends.Keys), Task.Delay(ShutdownGrace, CancellationToken.None));
            await _abortSends.CancelAsync();
            await Task.WhenAll(_sends.Keys);
            _results.Writer.TryComplete();
            await recorder;
            await pruner;
        }
    }

    /// <summary>One fan-out and claim. Returns whether there is probably more to do at once.</summary>
    private async Task<bool> RunRoundAsync(CancellationToken ct)
    {
        try
        {
            var capacity = options.MaxInFlight - Volatile.Read(ref _inFlight);
            var (events, claimed) = await store.FanOutAndClaimAsync(clock.GetUtcNow(), capacity, _finished.Keys.ToArray(), ct);
            foreach (var delivery in claimed)
                Start(delivery);
            return events == WebhookStore.FanOutBatch || (capacity > 0 && claimed.Count == capacity);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && IsTransient(ex))
        {
            if (ShouldLogProblem())
                LogDatabaseProblem(ex);
            await Task.Delay(options.PollInterval, clock, ct);
            return false;
        }
    }

    private void Start(ClaimedDelivery delivery)
    {
        Interlocked.Increment(ref _inFlight);
        var send = Task.Run(() => SendAsync(delivery));
        _sends.TryAdd(send, 0);
        send.ContinueWith(done => _sends.TryRemove(done, out _), TaskScheduler.Default);
    }

    private async Task SendAsync(ClaimedDelivery delivery)
    {
        try
        {
            var attemptedAt = clock.GetUtcNow();
            var result = await sender.SendAsync(delivery, Encoding.UTF8.GetBytes(delivery.Body), _abortSends.Token);
            var outcome = DeliveryPolicy.Classify(result.StatusCode);
            var number = delivery.AttemptCount + 1;
            var (state, next) = DeliveryPolicy.After(number, delivery.MaxAttempts, outcome, result.RetryAfter, options.RetrySchedule,
                clock.GetUtcNow(), Random.Shared.NextDouble() * 2 - 1);
            if (result.StatusCode is { } status)
                LogAnswered(delivery.EventId, delivery.EventType, delivery.EndpointId, delivery.Id, number, status, result.DurationMs, state.ToName());
            else
                LogUnanswered(delivery.EventId, delivery.EventType, delivery.EndpointId, delivery.Id, number, result.Error, result.DurationMs, state.ToName());
            _finished[delivery.Id] = 0;
            _results.Writer.TryWrite(new AttemptRecord(delivery, attemptedAt, result.StatusCode, result.DurationMs,
                result.Error?.Replace("\0", ""), result.ResponseBody, outcome, state, next));
        }
        catch (OperationCanceledException) when (_abortSends.IsCancellationRequested)
        {
            // Shutting down: the lease brings the delivery back.
        }
        catch (Exception ex)
        {
            LogSendFailed(ex, delivery.Id, delivery.EventId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            signal.Wake();
        }
    }

    /// <summary>Writes results as they come, as many per round trip as have piled up; retries until written.</summary>
    private async Task RecordLoopAsync()
    {
        var batch = new List<AttemptRecord>(RecordBatch);
        while (await _results.Reader.WaitToReadAsync())
        {
            while (batch.Count < RecordBatch && _results.Reader.TryRead(out var record))
                batch.Add(record);
            await WriteAsync(batch);
            foreach (var record in batch)
                _finished.TryRemove(record.Delivery.Id, out _);
            batch.Clear();
            signal.Wake(); // the database now knows these slots are free
        }
    }

    private async Task WriteAsync(List<AttemptRecord> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.RecordAsync(batch, clock.GetUtcNow(), CancellationToken.None);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && (!_results.Reader.Completion.IsCompleted || attempt < 3))
            {
                if (ShouldLogProblem())
                    LogDatabaseProblem(ex);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), CancellationToken.None);
            }
            catch (Exception ex)
            {
                // Not recordable: the leases bring these deliveries back, so they are sent again rather than lost.
                LogRecordFailed(ex, batch.Count);
                return;
            }
        }
    }

    private async Task PruneLoopAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), clock, ct);
            while (!ct.IsCancellationRequested)
            {
                await PruneAsync(ct);
                await Task.Delay(PruneEvery, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>Deletes fanned-out events older than the retention that have nothing pending, with their deliveries.</summary>
    internal async Task PruneAsync(CancellationToken ct)
    {
        try
        {
            var cutoff = clock.GetUtcNow() - options.Retention;
            int deleted, total = 0;
            do
            {
                deleted = await store.PruneAsync(cutoff, PruneBatch, ct);
                total += deleted;
            } while (deleted == PruneBatch && !ct.IsCancellationRequested);
            if (total > 0)
                LogPruned(total, options.Retention.TotalDays);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && IsTransient(ex))
        {
            LogDatabaseProblem(ex);
        }
    }

    private bool ShouldLogProblem()
    {
        var now = clock.GetUtcNow();
        if (now - _lastProblemLogged < TimeSpan.FromMinutes(1)) return false;
        _lastProblemLogged = now;
        return true;
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable
            or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npg => npg.IsTransient || npg.InnerException is TimeoutException or SocketException or IOException,
        TimeoutException or SocketException => true,
        _ => false,
    };

    [LoggerMessage(1, LogLevel.Information,
        "Webhook {EventId} ({EventType}) to endpoint {EndpointId}, delivery {DeliveryId}, attempt {Attempt}: HTTP {StatusCode} in {DurationMs} ms, now {State}")]
    private partial void LogAnswered(string eventId, string eventType, Guid endpointId, Guid deliveryId, int attempt, int statusCode,
        int durationMs, string state);

    [LoggerMessage(6, LogLevel.Information,
        "Webhook {EventId} ({EventType}) to endpoint {EndpointId}, delivery {DeliveryId}, attempt {Attempt}: {Error} after {DurationMs} ms, now {State}")]
    private partial void LogUnanswered(string eventId, string eventType, Guid endpointId, Guid deliveryId, int attempt, string? error,
        int durationMs, string state);

    [LoggerMessage(2, LogLevel.Warning, "The webhook dispatcher cannot reach the database; it keeps trying (logged at most once a minute)")]
    private partial void LogDatabaseProblem(Exception ex);

    [LoggerMessage(3, LogLevel.Error, "Webhook delivery {DeliveryId} ({EventId}) failed unexpectedly; its lease brings it back")]
    private partial void LogSendFailed(Exception ex, Guid deliveryId, string eventId);

    [LoggerMessage(4, LogLevel.Error, "Could not record {Count} webhook attempts; their deliveries will be sent again when their leases end")]
    private partial void LogRecordFailed(Exception ex, int count);

    [LoggerMessage(5, LogLevel.Information, "Pruned {Count} webhook events older than {RetentionDays} days, with their deliveries")]
    private partial void LogPruned(int count, double retentionDays);

    public override void Dispose()
    {
        _abortSends.Dispose();
        base.Dispose();
    }
}
