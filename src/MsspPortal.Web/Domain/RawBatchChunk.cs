namespace MsspPortal.Web.Domain;

// A slice of a batch's lines, written once: processing never updates it (SQLite rewrites a whole row, blob and all,
// on any update — a "processed" flag here cost a megabyte of writes per chunk). Progress is ChunksProcessed.
public sealed class RawBatchChunk : ITenantOwned
{
    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long BatchId { get; private set; }

    public int Sequence { get; private set; }

    // Line number (1-based, within the batch) of the chunk's first line.
    public int FirstLine { get; private set; }

    public int LineCount { get; private set; }

    // The lines as received, newline-separated, bytes untouched (invalid UTF-8 is replaced at parse time).
    public byte[] Content { get; private set; } = [];

    private RawBatchChunk()
    {
    }

    internal RawBatchChunk(RawBatch batch, int sequence, int firstLine, int lineCount, byte[] content)
    {
        (TenantId, BatchId, Sequence, FirstLine, LineCount, Content) = (batch.TenantId, batch.Id, sequence, firstLine, lineCount, content);
    }
}
