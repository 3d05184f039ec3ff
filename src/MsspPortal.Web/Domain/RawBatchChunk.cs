using System.Buffers;
using System.IO.Compression;

namespace MsspPortal.Web.Domain;

// A slice of a batch's lines, written once: processing never updates it (SQLite rewrites a whole row, blob and all,
// on any update — a "processed" flag here cost a megabyte of writes per chunk). Progress is ChunksProcessed.
public sealed class RawBatchChunk : ITenantOwned
{
    // Brotli's fastest useful setting: log text shrinks 4-5x at ~450 MB/s per core. Every stored byte is written to the
    // WAL, copied into the database by the checkpoint and read back once, all on the single writer's path, so the
    // chunk write that processing waits for costs a fifth (docs/performance.md, issue 17).
    private const int Quality = 1;
    private const int Window = 22;

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long BatchId { get; private set; }

    public int Sequence { get; private set; }

    // Line number (1-based, within the batch) of the chunk's first line.
    public int FirstLine { get; private set; }

    public int LineCount { get; private set; }

    // The lines as received, newline-separated, bytes untouched (invalid UTF-8 is replaced at parse time), kept as
    // Encoding says: Plain is those bytes, Brotli their compressed form. Read them through Open.
    public byte[] Content { get; private set; } = [];

    public ChunkEncoding Encoding { get; private set; }

    // The lines' byte count before encoding (chunks stored before encodings existed have 0: they are Plain).
    public int ContentLength { get; private set; }

    private RawBatchChunk()
    {
    }

    internal RawBatchChunk(RawBatch batch, int sequence, int firstLine, int lineCount, byte[] lines)
    {
        (TenantId, BatchId, Sequence, FirstLine, LineCount) = (batch.TenantId, batch.Id, sequence, firstLine, lineCount);
        var compressed = Compressed(lines);
        (Content, Encoding) = compressed is null ? (lines, ChunkEncoding.Plain) : (compressed, ChunkEncoding.Brotli);
        ContentLength = lines.Length;
    }

    // The chunk's lines in a buffer rented for the caller, who disposes it when nothing reads them any more.
    public ChunkLines Open()
    {
        if (Encoding == ChunkEncoding.Plain)
        {
            return new ChunkLines(Content, Content.Length, rented: false);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(ContentLength);
        if (!BrotliDecoder.TryDecompress(Content, buffer, out var written) || written != ContentLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new InvalidDataException($"Chunk {Id} of batch {BatchId}: its {Encoding} content does not decode to {ContentLength} bytes.");
        }
        return new ChunkLines(buffer, written, rented: true);
    }

    // Null when compression saves nothing (a few short lines): those are kept as they came.
    private static byte[]? Compressed(byte[] lines)
    {
        if (lines.Length < 64)
        {
            return null;
        }
        var scratch = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(lines.Length));
        try
        {
            return BrotliEncoder.TryCompress(lines, scratch, out var written, Quality, Window) && written < lines.Length
                ? scratch.AsSpan(0, written).ToArray()
                : null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }
}

public enum ChunkEncoding : byte
{
    Plain = 0,
    Brotli = 1,
}

// A chunk's decoded lines: Bytes[..Length]. A rented buffer goes back to the pool on Dispose.
public sealed class ChunkLines(byte[] bytes, int length, bool rented) : IDisposable
{
    private byte[]? _bytes = bytes;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => (_bytes ?? throw new ObjectDisposedException(nameof(ChunkLines))).AsSpan(0, Length);

    public byte[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        if (rented && _bytes is { } bytes)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
        _bytes = null;
    }
}
