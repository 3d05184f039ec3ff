using MsspPortal.Web.Pipeline;

namespace MsspPortal.UnitTests.Pipeline;

public sealed class WriteTurnsTests
{
    [Fact]
    public async Task A_store_takes_a_free_turn_at_once_and_none_while_processing_writes()
    {
        var turns = new WriteTurns(enabled: true);

        var processing = await turns.ProcessAsync(CancellationToken.None);
        Assert.False(turns.TryAcceptNow(out _));
        Assert.Equal(0, turns.Accepting);
        processing.Dispose();

        Assert.True(turns.TryAcceptNow(out var store));
        Assert.Equal(1, turns.Accepting);
        // Processing waits for the store's write, then goes on.
        var next = turns.ProcessAsync(CancellationToken.None).AsTask();
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        store.Dispose();
        (await next.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(0, turns.Accepting);
    }

    [Fact]
    public void Without_turns_a_store_always_writes_at_once()
    {
        var turns = new WriteTurns(enabled: false);

        Assert.True(turns.TryAcceptNow(out var turn));
        turn.Dispose();
        Assert.Equal(0, turns.Accepting);
    }
}
