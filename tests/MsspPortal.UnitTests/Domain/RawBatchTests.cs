using MsspPortal.Web.Domain;

namespace MsspPortal.UnitTests.Domain;

public sealed class RawBatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_batch_goes_receiving_pending_processing_done_with_numbered_chunks()
    {
        var batch = Saved(RawBatch.BeginReceiving(Guid.NewGuid(), 3, IngestChannel.Api, T0, T0.AddMinutes(1)));

        var first = batch.AppendChunk([1, 2], 2, T0.AddMinutes(2));
        var second = batch.AppendChunk([3], 1, T0.AddMinutes(3));
        Assert.Equal((0, 1, 1, 1), (first.Sequence, first.FirstLine, second.Sequence, second.LineCount));
        Assert.Equal((3, 2, T0.AddMinutes(3)), (second.FirstLine, batch.ChunkCount, batch.LeaseUntil!.Value));

        batch.Received("hash", 3);
        batch.Acknowledge(null);
        Assert.Equal(BatchState.Pending, batch.State);
        Assert.Null(batch.LeaseUntil);

        batch.Claim(T0.AddMinutes(4), T0.AddMinutes(9));
        batch.ChunkWritten(2, 0, T0.AddMinutes(10));
        Assert.Throws<InvalidOperationException>(() => batch.Complete(T0.AddMinutes(5)));
        batch.ChunkWritten(0, 1, T0.AddMinutes(11));
        Assert.Throws<InvalidOperationException>(() => batch.ChunkWritten(0, 0, T0.AddMinutes(12)));
        batch.Complete(T0.AddMinutes(6));

        Assert.Equal((BatchState.Done, 1, 2, 1, 3), (batch.State, batch.Attempts, batch.EventsWritten, batch.LinesQuarantined, batch.LineCount));
        Assert.Null(batch.LeaseUntil);
    }

    [Fact]
    public void A_live_lease_cannot_be_claimed_and_an_expired_one_can()
    {
        var batch = Pending();

        batch.Claim(T0, T0.AddMinutes(5));
        Assert.Throws<InvalidOperationException>(() => batch.Claim(T0.AddMinutes(1), T0.AddMinutes(6)));
        batch.Claim(T0.AddMinutes(6), T0.AddMinutes(11));

        Assert.Equal(2, batch.Attempts);
    }

    [Fact]
    public void A_duplicate_is_finished_on_arrival_and_never_claimed()
    {
        var batch = Saved(RawBatch.BeginReceiving(Guid.NewGuid(), 3, IngestChannel.Api, T0, T0.AddMinutes(1)));

        batch.Acknowledge(duplicateOf: 4);

        Assert.Equal((BatchState.Duplicate, 4L, T0), (batch.State, batch.DuplicateOfBatchId!.Value, batch.CompletedAt!.Value));
        Assert.Throws<InvalidOperationException>(() => batch.Claim(T0, T0.AddMinutes(1)));
        Assert.Throws<InvalidOperationException>(() => batch.AppendChunk([1], 1, T0));
    }

    [Fact]
    public void A_failed_batch_keeps_its_error_and_lets_the_lease_go()
    {
        var batch = Pending();
        Assert.Throws<InvalidOperationException>(() => batch.Fail("too early", T0));

        batch.Claim(T0, T0.AddMinutes(5));
        batch.Fail(new string('x', 3000), T0.AddMinutes(1));

        Assert.Equal((BatchState.Failed, 2000), (batch.State, batch.LastError!.Length));
        Assert.Null(batch.LeaseUntil);
    }

    [Fact]
    public void Chunks_wait_for_the_saved_batch()
    {
        var batch = RawBatch.BeginReceiving(Guid.NewGuid(), 3, IngestChannel.Api, T0, T0.AddMinutes(1));

        Assert.Throws<InvalidOperationException>(() => batch.AppendChunk([1], 1, T0));
    }

    [Fact]
    public void The_detection_cursor_only_moves_forward()
    {
        var cursor = new DetectionCursor(Guid.NewGuid(), 10);

        Assert.False(cursor.MoveTo(9));
        Assert.True(cursor.MoveTo(12));
        Assert.Equal(12, cursor.LastEventId);
    }

    private static RawBatch Pending()
    {
        var batch = Saved(RawBatch.BeginReceiving(Guid.NewGuid(), 3, IngestChannel.Api, T0, T0.AddMinutes(1)));
        batch.AppendChunk([1], 1, T0);
        batch.Acknowledge(null);
        return batch;
    }

    private static RawBatch Saved(RawBatch batch)
    {
        typeof(RawBatch).GetProperty(nameof(RawBatch.Id))!.SetValue(batch, 5L);
        return batch;
    }
}
