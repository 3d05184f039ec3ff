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
    // 1 MB: a chunk (3,000 lines, ~0.75 MB) fits, and the encoder's state stays small.
    private const int Window = 20;

    // Scratch and decode buffers from a pool of its own, a few per size: the shared pool keeps arrays per core and per
    // thread, and the parse tasks run on many threads; this bounds what stays held (3M bench events: 284-290 MB peak
    // with it, 285-293 MB with the shared pool).
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 4);

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
            return new ChunkLines(Content, Content.Length, pool: null);
        }
        var buffer = Buffers.Rent(ContentLength);
        if (!BrotliDecoder.TryDecompress(Content, buffer, out var written) || written != ContentLength)
        {
            Buffers.Return(buffer);
            throw new InvalidDataException($"Chunk {Id} of batch {BatchId}: its {Encoding} content does not decode to {ContentLength} bytes.");
        }
        return new ChunkLines(buffer, written, Buffers);
    }

    // Null when compression saves nothing (a few short lines): those are kept as they came.
    private static byte[]? Compressed(byte[] lines)
    {
        if (lines.Length < 64)
        {
            return null;
        }
        var scratch = Buffers.Rent(BrotliEncoder.GetMaxCompressedLength(lines.Length));
        try
        {
            return BrotliEncoder.TryCompress(lines, scratch, out var written, Quality, Window) && written < lines.Length
                ? scratch.AsSpan(0, written).ToArray()
                : null;
        }
        finally
        {
            Buffers.Return(scratch);
        }
    }
}

public enum ChunkEncoding : byte
{
    Plain = 0,
    Brotli = 1,
}

// A chunk's decoded lines: Bytes[..Length]. A rented buffer goes back to the pool on Dispose.
public sealed class ChunkLines(byte[] bytes, int length, ArrayPool<byte>? pool) : IDisposable
{
    private byte[]? _bytes = bytes;

    public int Length { get; } = length;

    public ReadOnlySpan<byte> Span => (_bytes ?? throw new ObjectDisposedException(nameof(ChunkLines))).AsSpan(0, Length);

    public byte[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        if (pool is not null && _bytes is { } bytes)
        {
            pool.Return(bytes);
        }
        _bytes = null;
    }
}
