using LeadGrid.Application.Idempotency;
using NSubstitute;

namespace LeadGrid.Application.Tests;

public class RunOnceTests
{
    private static readonly Guid Org = Guid.CreateVersion7();
    private static readonly byte[] Hash = new byte[32];
    private static readonly StoredResponse Created = new(201, "application/json", "/api/v1/dossiers/1", "{}"u8.ToArray());

    private readonly IIdempotencyStore _store = Substitute.For<IIdempotencyStore>();
    private int _runs;

    private RunOnce Request(StoredResponse answer) => new(Org, "k-1", Hash, _ =>
    {
        _runs++;
        return Task.FromResult(answer);
    });

    [Fact]
    public async Task ANewKey_RunsTheRequest_AndRecordsItsAnswerInTheSameUnit()
    {
        _store.ClaimAsync(Org, "k-1", Hash, Arg.Any<CancellationToken>()).Returns(new IdempotencyLookup(IdempotencyState.New));

        var lookup = await new RunOnceHandler(_store).Handle(Request(Created), CancellationToken.None);

        Assert.Equal(1, _runs);
        Assert.Equal((IdempotencyState.New, Created), (lookup.State, lookup.Stored));
        _store.Received(1).Record(Org, "k-1", Hash, Created);
    }

    [Theory]
    [InlineData(IdempotencyState.Replay)]
    [InlineData(IdempotencyState.InFlight)]
    [InlineData(IdempotencyState.Mismatch)]
    public async Task AKnownOrBusyKey_DoesNotRunTheRequest(IdempotencyState state)
    {
        var found = new IdempotencyLookup(state, state == IdempotencyState.Replay ? Created : null);
        _store.ClaimAsync(Org, "k-1", Hash, Arg.Any<CancellationToken>()).Returns(found);

        Assert.Equal(found, await new RunOnceHandler(_store).Handle(Request(Created), CancellationToken.None));
        Assert.Equal(0, _runs);
        _store.DidNotReceiveWithAnyArgs().Record(default, default!, default!, default!);
    }

    [Fact]
    public async Task AFailedAnswer_IsNotKept_AndRollsTheUnitBack()
    {
        _store.ClaimAsync(Org, "k-1", Hash, Arg.Any<CancellationToken>()).Returns(new IdempotencyLookup(IdempotencyState.New));
        var failure = new StoredResponse(503, "application/json", null, "{}"u8.ToArray());

        var thrown = await Assert.ThrowsAsync<AnswerNotKeptException>(() => new RunOnceHandler(_store).Handle(Request(failure), CancellationToken.None));

        Assert.Same(failure, thrown.Response);
        _store.DidNotReceiveWithAnyArgs().Record(default, default!, default!, default!);
    }
}
