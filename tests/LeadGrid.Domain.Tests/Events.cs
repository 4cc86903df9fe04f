using LeadGrid.Domain.Common;
using MediatR;

namespace LeadGrid.Domain.Tests;

/// <summary>Asserts on the events an aggregate raised, and takes them, so each step of a test sees only its own.</summary>
internal static class Events
{
    public static T AssertRaised<T>(this AggregateRoot aggregate) where T : INotification =>
        Assert.Single(aggregate.PendingEvents.OfType<T>());

    public static IReadOnlyList<Type> Take(this AggregateRoot aggregate) =>
        aggregate.DequeueEvents().Select(e => e.GetType()).ToArray();
}
