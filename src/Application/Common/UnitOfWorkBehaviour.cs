using MediatR;

namespace LeadGrid.Application.Common;

/// <summary>
/// Wraps each command in one transaction: runs the handler, publishes the domain events of every tracked aggregate
/// through the mediator (their handlers write outbox rows in the same transaction), then commits once. Anything that
/// throws rolls the whole unit back: no change and no event survive. This is the only place a transaction begins and
/// commits. A command sent inside another command's unit (the request an idempotent <c>RunOnce</c> runs) joins it: its
/// events are published and its writes sent, and the outer unit commits.
/// </summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(IDbSession session, IMediator mediator)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand)
            return await next();
        if (session.Transaction is not null)
        {
            var joined = await next();
            await PublishEventsAsync(cancellationToken);
            await session.FlushAsync(cancellationToken);
            return joined;
        }

        await session.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            await PublishEventsAsync(cancellationToken);
            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }

    private async Task PublishEventsAsync(CancellationToken ct)
    {
        // Handlers may change aggregates and raise more events: drain until quiet.
        while (true)
        {
            var events = session.Tracked.SelectMany(a => a.DequeueEvents()).ToArray();
            if (events.Length == 0) return;
            foreach (var domainEvent in events)
                await mediator.Publish(domainEvent, ct);
        }
    }
}
