using MediatR;

namespace LeadGrid.Domain.Common;

/// <summary>Base of every aggregate: collects the domain events its behaviour raises until the unit of work takes them.</summary>
public abstract class AggregateRoot
{
    private readonly List<INotification> _events = [];

    public IReadOnlyCollection<INotification> PendingEvents => _events;

    protected void Raise(INotification domainEvent) => _events.Add(domainEvent);

    public IReadOnlyList<INotification> DequeueEvents()
    {
        var events = _events.ToArray();
        _events.Clear();
        return events;
    }
}
