using LeadGrid.Application.Common;
using LeadGrid.Domain.Common;
using MediatR;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace LeadGrid.Application.Tests;

public class UnitOfWorkBehaviourTests
{
    private sealed record DoThing : ICommand<int>;
    private sealed record ReadThing : IRequest<int>;
    private sealed record ThingHappened(int Value) : INotification;

    private sealed class Thing : AggregateRoot
    {
        public void Happen(int value) => Raise(new ThingHappened(value));
    }

    private readonly IDbSession _session = Substitute.For<IDbSession>();
    private readonly IMediator _mediator = Substitute.For<IMediator>();

    public UnitOfWorkBehaviourTests() => _session.Transaction.Returns((System.Data.IDbTransaction?)null);

    [Fact]
    public async Task Command_PublishesTrackedEventsBeforeCommitting()
    {
        var thing = new Thing();
        thing.Happen(1);
        thing.Happen(2);
        _session.Tracked.Returns([thing]);
        var behaviour = new UnitOfWorkBehaviour<DoThing, int>(_session, _mediator);

        var result = await behaviour.Handle(new DoThing(), CancellationToken.None, () => Task.FromResult(42));

        Assert.Equal(42, result);
        Received.InOrder(() =>
        {
            _session.BeginAsync(Arg.Any<CancellationToken>());
            _mediator.Publish(Arg.Is<INotification>(e => e.Equals(new ThingHappened(1))), Arg.Any<CancellationToken>());
            _mediator.Publish(Arg.Is<INotification>(e => e.Equals(new ThingHappened(2))), Arg.Any<CancellationToken>());
            _session.CommitAsync(Arg.Any<CancellationToken>());
        });
        Assert.Empty(thing.PendingEvents);
    }

    [Fact]
    public async Task Command_WhenHandlerThrows_RollsBackAndNeverCommits()
    {
        var behaviour = new UnitOfWorkBehaviour<DoThing, int>(_session, _mediator);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behaviour.Handle(new DoThing(), CancellationToken.None, () => throw new InvalidOperationException("boom")));

        await _session.Received(1).RollbackAsync();
        await _session.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Command_WhenAnEventHandlerThrows_RollsBack()
    {
        var thing = new Thing();
        thing.Happen(1);
        _session.Tracked.Returns([thing]);
        _mediator.Publish(Arg.Any<INotification>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("outbox down"));
        var behaviour = new UnitOfWorkBehaviour<DoThing, int>(_session, _mediator);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            behaviour.Handle(new DoThing(), CancellationToken.None, () => Task.FromResult(1)));

        await _session.Received(1).RollbackAsync();
        await _session.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Query_RunsWithoutATransaction()
    {
        var behaviour = new UnitOfWorkBehaviour<ReadThing, int>(_session, _mediator);

        var result = await behaviour.Handle(new ReadThing(), CancellationToken.None, () => Task.FromResult(7));

        Assert.Equal(7, result);
        await _session.DidNotReceive().BeginAsync(Arg.Any<CancellationToken>());
        await _session.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Command_InsideARunningTransaction_JoinsIt_PublishingItsEventsAndSendingItsWrites()
    {
        var thing = new Thing();
        thing.Happen(3);
        _session.Tracked.Returns([thing]);
        _session.Transaction.Returns(Substitute.For<System.Data.IDbTransaction>());
        var behaviour = new UnitOfWorkBehaviour<DoThing, int>(_session, _mediator);

        await behaviour.Handle(new DoThing(), CancellationToken.None, () => Task.FromResult(1));

        await _session.DidNotReceive().BeginAsync(Arg.Any<CancellationToken>());
        await _session.DidNotReceive().CommitAsync(Arg.Any<CancellationToken>());
        await _session.DidNotReceive().RollbackAsync();
        Received.InOrder(() =>
        {
            _mediator.Publish(Arg.Is<INotification>(e => e.Equals(new ThingHappened(3))), Arg.Any<CancellationToken>());
            _session.FlushAsync(Arg.Any<CancellationToken>());
        });
    }
}
