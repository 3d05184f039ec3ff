using System.Buffers.Binary;
using System.IO.Compression;

namespace MsspPortal.Web.Pipeline;

// A gzip body, decompressed, that refuses to end before its trailer. .NET's GZipStream treats the end of its input
// as the end of the data even when the deflate stream was cut short, so a truncated upload would read as a shorter,
// complete one (issue 11.2: 1,781 of 20,000 lines vanished behind a 202). At the end, the trailer's ISIZE (the last
// four bytes of the input: the uncompressed length mod 2^32) must match what came out; a cut body fails that check
// but for a 1 in 2^32 chance. The cost: a body of several concatenated gzip members is refused too, because the
// trailer describes only the last member; senders write one member per request.
internal sealed class GzipBody : Stream
{
    private readonly TailTracker _compressed;
    private readonly GZipStream _gzip;
    private long _length;

    public GzipBody(Stream compressed)
    {
        _compressed = new TailTracker(compressed);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _gzip.Read(buffer, offset, count);
        if (read == 0)
        {
            _compressed.CopyTo(Null);
        }
        return Check(read);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _gzip.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            // The decompressor may stop short of the input's end; the trailer is only known once the input is read out.
            await _compressed.DrainAsync(cancellationToken);
        }
        return Check(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }
        base.Dispose(disposing);
    }

    private int Check(int read)
    {
        if (read > 0)
        {
            _length += read;
            return read;
        }
        if (!_compressed.EndsWithTrailerFor(_length))
        {
            throw new InvalidDataException("the body ends before the gzip trailer (it was cut short); nothing of it was stored");
        }
        return 0;
    }

    // Passes reads through and remembers the last eight bytes: the gzip trailer, if the body is whole.
    private sealed class TailTracker(Stream inner) : Stream
    {
        private readonly byte[] _tail = new byte[8];
        private long _total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _total; set => throw new NotSupportedException(); }

        public Task DrainAsync(CancellationToken cancellationToken) => CopyToAsync(Null, cancellationToken);

        public bool EndsWithTrailerFor(long uncompressedLength) =>
            _total >= 18 && BinaryPrimitives.ReadUInt32LittleEndian(_tail.AsSpan(4)) == (uint)uncompressedLength;

        public override int Read(byte[] buffer, int offset, int count) => Track(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Track(buffer.Span[..read]);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        private int Track(ReadOnlySpan<byte> read)
        {
            if (read.Length >= 8)
            {
                read[^8..].CopyTo(_tail);
            }
            else if (read.Length > 0)
            {
                _tail.AsSpan(read.Length).CopyTo(_tail);
                read.CopyTo(_tail.AsSpan(8 - read.Length));
            }
            _total += read.Length;
            return read.Length;
        }
    }
}
