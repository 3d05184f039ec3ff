namespace MsspPortal.Web.Domain;

// Log lines as received, stored before they are acknowledged. The batch carries its own processing state, so a
// sweep can finish whatever a crash interrupted; Hangfire only schedules.
public sealed class RawBatch : ITenantOwned
{
    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long LogSourceId { get; private set; }

    public IngestChannel Channel { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    // SHA-256 of the content, hex: the same content sent twice is recognised.
    public string ContentHash { get; private set; } = "";

    public int LineCount { get; private set; }

    public long ByteCount { get; private set; }

    public int ChunkCount { get; private set; }

    // Values masked at receipt (cards, ids, addresses, phone numbers, tenant patterns): evidence that masking is on.
    public long MaskedValues { get; private set; }

    // Chunks are processed in sequence, each in one transaction with this count: those below it are done. A retry
    // or a second worker resumes here and never writes a chunk twice.
    public int ChunksProcessed { get; private set; }

    public BatchState State { get; private set; } = BatchState.Pending;

    // Set when a worker claims the batch; a sweep may reclaim it once this has passed. While the batch is
    // Receiving, each stored chunk moves it on: a stalled upload is abandoned once it passes.
    public DateTimeOffset? LeaseUntil { get; private set; }

    public int Attempts { get; private set; }

    public int EventsWritten { get; private set; }

    public int LinesQuarantined { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? LastError { get; private set; }

    // Set when this batch repeats an earlier one of the same source (same hash): kept, not reprocessed.
    public long? DuplicateOfBatchId { get; private set; }

    private RawBatch()
    {
    }

    // A batch whose lines are about to arrive: not acknowledged, never processed, until Acknowledge.
    public static RawBatch BeginReceiving(Guid tenantId, long logSourceId, IngestChannel channel, DateTimeOffset receivedAt, DateTimeOffset leaseUntil) =>
        new()
        {
            TenantId = tenantId,
            LogSourceId = logSourceId,
            Channel = channel,
            ReceivedAt = receivedAt,
            State = BatchState.Receiving,
            LeaseUntil = leaseUntil,
        };

    // An already stored batch, known by its id, standing in where provenance is needed (a reprocessed line keeps
    // its batch); never added to the context.
    public static RawBatch StandIn(long id, Guid tenantId, long logSourceId, DateTimeOffset receivedAt) =>
        new() { Id = id, TenantId = tenantId, LogSourceId = logSourceId, ReceivedAt = receivedAt, State = BatchState.Done };

    // The next slice of lines: numbered after those before it; each one moves the receiving lease on.
    public RawBatchChunk AppendChunk(byte[] content, int lines, DateTimeOffset leaseUntil)
    {
        Require(BatchState.Receiving, "take more lines");
        if (Id == 0)
        {
            throw new InvalidOperationException("A batch is saved before its chunks, which refer to it by id.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        var chunk = new RawBatchChunk(this, ChunkCount, LineCount + 1, lines, content);
        ChunkCount++;
        LineCount += lines;
        LeaseUntil = leaseUntil;
        return chunk;
    }

    // Every line has arrived: what the content was, for recognising the same content sent again.
    public void Masked(long values)
    {
        Require(BatchState.Receiving, "count masked values");
        MaskedValues = values;
    }

    public void Received(string contentHash, long byteCount)
    {
        Require(BatchState.Receiving, "be sealed");
        (ContentHash, ByteCount) = (contentHash, byteCount);
    }

    // Stored for good: pending processing, or kept as a duplicate of an earlier batch and never processed.
    public void Acknowledge(long? duplicateOf)
    {
        Require(BatchState.Receiving, "be acknowledged");
        LeaseUntil = null;
        if (duplicateOf is { } original)
        {
            (State, DuplicateOfBatchId, CompletedAt) = (BatchState.Duplicate, original, ReceivedAt);
        }
        else
        {
            State = BatchState.Pending;
        }
    }

    // The acknowledging commit failed: the batch is still receiving, so a retry or the caller's cleanup applies to
    // it.
    public void AcknowledgementRolledBack()
    {
        if (State is not (BatchState.Receiving or BatchState.Pending or BatchState.Duplicate))
        {
            throw new InvalidOperationException($"Batch {Id} is {State}: its acknowledgement was committed long ago.");
        }
        (State, DuplicateOfBatchId, CompletedAt) = (BatchState.Receiving, null, null);
    }

    // ProcessBatch makes the processing moves below with one conditional UPDATE each (a claim must be atomic between
    // workers, and a chunk's counters move in its own transaction); these methods are the same rules on a tracked batch.

    // A worker takes a pending batch, or one whose lease has passed.
    public void Claim(DateTimeOffset now, DateTimeOffset leaseUntil)
    {
        if (!(State == BatchState.Pending || (State == BatchState.Processing && LeaseUntil < now)))
        {
            throw new InvalidOperationException($"Batch {Id} is {State}{(State == BatchState.Processing ? " under a live lease" : "")}: it cannot be claimed.");
        }
        (State, LeaseUntil) = (BatchState.Processing, leaseUntil);
        Attempts++;
    }

    // The chunk at ChunksProcessed is written: its counts go on, the lease is renewed.
    public void ChunkWritten(int events, int quarantined, DateTimeOffset leaseUntil)
    {
        Require(BatchState.Processing, "record a chunk");
        if (ChunksProcessed >= ChunkCount)
        {
            throw new InvalidOperationException($"Batch {Id} has no chunk left to write.");
        }
        ChunksProcessed++;
        EventsWritten += events;
        LinesQuarantined += quarantined;
        LeaseUntil = leaseUntil;
    }

    public void Complete(DateTimeOffset at)
    {
        Require(BatchState.Processing, "complete");
        if (ChunksProcessed != ChunkCount)
        {
            throw new InvalidOperationException($"Batch {Id} has {ChunkCount - ChunksProcessed} chunks left.");
        }
        (State, CompletedAt, LeaseUntil, LastError) = (BatchState.Done, at, null, null);
    }

    // Given up on: kept with its error for an administrator; the lease is let go.
    public void Fail(string error, DateTimeOffset at)
    {
        Require(BatchState.Processing, "fail");
        (State, CompletedAt, LeaseUntil, LastError) = (BatchState.Failed, at, null, error.Length > 2000 ? error[..2000] : error);
    }

    private void Require(BatchState state, string action)
    {
        if (State != state)
        {
            throw new InvalidOperationException($"Batch {Id} is {State}: only a {state} batch can {action}.");
        }
    }
}
