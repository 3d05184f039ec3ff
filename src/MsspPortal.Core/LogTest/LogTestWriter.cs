using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.LogTest;

/// <summary>
/// "Log test" (like wazuh-logtest): each line is parsed, evaluated by a <see cref="DetectionEngine"/>, and written
/// as one JSON object per line (NDJSON) with the detected format, the ECS fields and the rules that fired.
/// Used by the managed and the native `mssp logtest` (<see cref="LogTestProgram"/>). One run at a time.
/// </summary>
/// <remarks>
/// <para>Three stages. One thread reads the input in blocks of whole lines and counts them, so each block knows the
/// number of its first line. Each block is then decoded, parsed and turned into JSON (each line's whole object, with
/// no rules) as a task of its own, so blocks are parsed in parallel on every core. One consumer takes the blocks back
/// in input order, evaluates the rules (in line order: windows and sequences depend on it), puts the rules that
/// fire into their lines, and writes the block's JSON out as it is: the bulk of the output is never copied again.</para>
/// <para>The output is the same, byte for byte, whatever the number of cores or the block boundaries: a line's
/// JSON depends only on the line and its number, and everything that depends on order happens in the consumer.</para>
/// </remarks>
public sealed class LogTestWriter : IDisposable
{
    // Flushed to the output when this full: few large writes instead of one per line.
    private const int FlushThreshold = 1 << 18;

    // A stretch of a block's JSON at least this long is written to the output from the block itself; a shorter one
    // (between lines where rules fire) is gathered in the buffer first, so many detections do not mean many writes.
    private const int DirectWriteMinimum = 1 << 16;

    private readonly LogFormat _format;
    private readonly ParseOptions _options;
    private readonly DetectionEngine? _engine;
    private readonly Guid _tenantId;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private readonly List<DetectionResult> _detections = [];
    private readonly ConcurrentQueue<LineBatch> _spare = new();

    public LogTestWriter(LogFormat format, ParseOptions options, DetectionEngine? engine, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _format = format;
        _options = options;
        _engine = engine;
        _tenantId = tenantId;
        // SkipValidation: the writer only ever writes the "rules" property of objects it did not open.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>The tenant the rules are evaluated for when the caller has none (CLI): a fixed, synthetic one.</summary>
    public static readonly Guid SyntheticTenantId = new("6c6f6774-6573-7400-0000-000000000001");

    // How many blocks may be read ahead of the consumer: enough to keep every core parsing.
    private static int InFlight => Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>
    /// Parses and writes every line of <paramref name="input"/>, read as UTF-8 (a UTF-8 byte order mark is skipped;
    /// a UTF-16 or UTF-32 one switches to that encoding, as a StreamReader would); quarantined lines also go to
    /// <paramref name="errors"/> as "line N: reason". Lines end at LF, CR or CR LF.
    /// </summary>
    public Task<LogTestSummary> RunAsync(Stream input, Stream output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunAsync(batches => ReadBlocksAsync(input, batches, cancellationToken), output, errors, cancellationToken);
    }

    /// <summary>As <see cref="RunAsync(Stream, Stream, TextWriter, CancellationToken)"/>, for text already decoded.</summary>
    public Task<LogTestSummary> RunAsync(TextReader input, Stream output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunAsync(batches => ReadLinesAsync(input, batches, cancellationToken), output, errors, cancellationToken);
    }

    private async Task<LogTestSummary> RunAsync(Func<ChannelWriter<Task<LineBatch>>, Task> read, Stream output, TextWriter errors,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        // Bounded: the reader stays at most a few blocks ahead, so memory stays flat however long the input.
        var batches = Channel.CreateBounded<Task<LineBatch>>(new BoundedChannelOptions(InFlight) { SingleReader = true, SingleWriter = true });
        // The reader runs beside the consumer; it waits (asynchronously) when it is InFlight blocks ahead.
        var reader = Task.Run(() => ReadAsync(read, batches.Writer), cancellationToken);
        long lineNumber = 0, parsed = 0, quarantined = 0, detections = 0;
        try
        {
            await foreach (var pending in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = await pending.ConfigureAwait(false);
                if (batch.LinesBefore != lineNumber)
                {
                    // The reader's count and the parser's split disagree: the numbers already written would be wrong.
                    throw new InvalidOperationException($"Line count mismatch: block starts after line {batch.LinesBefore}, previous blocks ended at {lineNumber}.");
                }
                var emitted = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    var line = batch.Lines[i];
                    if (line.Outcome.Event is not { } ev)
                    {
                        quarantined++;
                        await errors.WriteLineAsync($"line {lineNumber + line.Number}: {line.Outcome.Error}".AsMemory(), cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    parsed++;
                    _detections.Clear();
                    _engine?.Evaluate(_tenantId, ev, _detections);
                    if (_detections.Count == 0)
                    {
                        continue;
                    }
                    detections += _detections.Count;
                    // The line ends with "rules":[]}\n: write up to it, then the rules that fired in its place.
                    var rulesAt = line.JsonEnd - LogTestJson.NoRules.Length;
                    await WriteAsync(batch.Json.WrittenMemory[emitted..rulesAt], output, cancellationToken).ConfigureAwait(false);
                    _json.Reset();
                    LogTestJson.WriteRules(_json, _detections);
                    _json.Flush();
                    _buffer.Write("}\n"u8);
                    emitted = line.JsonEnd;
                }
                await WriteAsync(batch.Json.WrittenMemory[emitted..], output, cancellationToken).ConfigureAwait(false);
                lineNumber += batch.LineCount;
                Return(batch);
            }
        }
        finally
        {
            // Never leave the reader running: a completed channel makes its next write throw, which ends it.
            batches.Writer.TryComplete();
            await ((Task)reader).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await reader.ConfigureAwait(false); // rethrows the reader's I/O error, if any
        await FlushAsync(output, cancellationToken).ConfigureAwait(false);
        return new LogTestSummary(lineNumber, parsed, quarantined, detections);
    }

    /// <summary>Writes what is buffered to <paramref name="output"/>.</summary>
    public async Task FlushAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await WriteBufferAsync(output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _json.Dispose();

    private static async Task ReadAsync(Func<ChannelWriter<Task<LineBatch>>, Task> read, ChannelWriter<Task<LineBatch>> batches)
    {
        try
        {
            await read(batches).ConfigureAwait(false);
            batches.TryComplete();
        }
        catch (Exception ex)
        {
            // The writing side must hear of it (a read error), or it would wait for blocks that never come.
            batches.TryComplete(ex);
            throw;
        }
    }

    // Bytes of a block's JSON in output order: long stretches straight from the block, short ones via the buffer.
    private async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, Stream output, CancellationToken cancellationToken)
    {
        if (bytes.Length < DirectWriteMinimum)
        {
            _buffer.Write(bytes.Span);
            if (_buffer.WrittenCount >= FlushThreshold)
            {
                await WriteBufferAsync(output, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        await WriteBufferAsync(output, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WriteBufferAsync(Stream output, CancellationToken cancellationToken)
    {
        if (_buffer.WrittenCount > 0)
        {
            await output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
        }
    }

    private LineBatch Rent() => _spare.TryDequeue(out var batch) ? batch : new LineBatch();

    private void Return(LineBatch batch)
    {
        batch.Clear();
        _spare.Enqueue(batch);
    }

    private Task<LineBatch> Parse(LineBatch batch) => Task.Run(() =>
    {
        batch.Parse(_format, _options);
        return batch;
    });

    // Lines from a TextReader (already text): blocks of up to MaxLines lines.
    private async Task ReadLinesAsync(TextReader input, ChannelWriter<Task<LineBatch>> batches, CancellationToken cancellationToken)
    {
        long linesBefore = 0;
        var batch = Rent();
        while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            batch.AddLine(line);
            if (batch.Texts.Count == LineBatch.MaxLines)
            {
                batch.LinesBefore = linesBefore;
                linesBefore += batch.Texts.Count;
                await SendAsync(batches, Parse(batch), cancellationToken).ConfigureAwait(false);
                batch = Rent();
            }
        }
        if (batch.Texts.Count > 0)
        {
            batch.LinesBefore = linesBefore;
            await SendAsync(batches, Parse(batch), cancellationToken).ConfigureAwait(false);
        }
    }

    // Bytes in blocks that end after a line end (never inside a line or between CR and LF); a line longer than a
    // block makes the block grow. Each block is told how many lines came before it.
    private async Task ReadBlocksAsync(Stream input, ChannelWriter<Task<LineBatch>> batches, CancellationToken cancellationToken)
    {
        var carry = new byte[LineBatch.BlockSize];
        var carried = 0;
        var first = true;
        // A UTF-8 byte order mark starts the first block sent, which is not the first block read when the first line
        // is longer than a block.
        var preamble = false;
        long linesBefore = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = Rent();
            var block = batch.Block(Math.Max(LineBatch.BlockSize, carried * 2));
            carry.AsSpan(0, carried).CopyTo(block);
            var filled = carried;
            var end = false;
            while (filled < block.Length)
            {
                var n = await input.ReadAsync(block.AsMemory(filled, block.Length - filled), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    end = true;
                    break;
                }
                filled += n;
            }
            if (first)
            {
                first = false;
                if (OtherEncoding(block.AsSpan(0, filled)) is { } encoding)
                {
                    // Rare enough (UTF-16/32 logs) to go through a StreamReader, as before.
                    Return(batch);
                    using var text = new StreamReader(new PrefixedStream(block.AsSpan(0, filled).ToArray(), end ? Stream.Null : input),
                        encoding, detectEncodingFromByteOrderMarks: true);
                    await ReadLinesAsync(text, batches, cancellationToken).ConfigureAwait(false);
                    return;
                }
                preamble = filled >= 3 && block.AsSpan(0, 3).SequenceEqual("\uFEFF"u8);
            }
            int cut;
            if (end)
            {
                cut = filled;
            }
            else
            {
                // After the last line end that is sure to be one: a CR as the last byte may be the first half of a
                // CR LF, but a CR LF that ends the block is whole (cutting between its CR and LF made an extra line).
                var last = block.AsSpan(0, filled).LastIndexOfAny((byte)'\n', (byte)'\r');
                if (last == filled - 1 && block[last] == '\r')
                {
                    last = block.AsSpan(0, last).LastIndexOfAny((byte)'\n', (byte)'\r');
                }
                cut = last + 1;
                if (cut == 0)
                {
                    // No line end in the whole block: keep it all and read on into a block twice the size.
                    carry = carry.Length >= filled ? carry : new byte[filled];
                    block.AsSpan(0, filled).CopyTo(carry);
                    carried = filled;
                    Return(batch);
                    continue;
                }
            }
            carried = filled - cut;
            if (carry.Length < carried)
            {
                carry = new byte[carried];
            }
            block.AsSpan(cut, carried).CopyTo(carry);
            batch.BlockLength = cut;
            batch.SkipPreamble = preamble;
            preamble = false;
            batch.LinesBefore = linesBefore;
            linesBefore += batch.CountBlockLines();
            if (cut > 0)
            {
                await SendAsync(batches, Parse(batch), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                Return(batch);
            }
            if (end)
            {
                return;
            }
        }
    }

    private static ValueTask SendAsync(ChannelWriter<Task<LineBatch>> batches, Task<LineBatch> batch, CancellationToken cancellationToken) =>
        batches.TryWrite(batch) ? ValueTask.CompletedTask : batches.WriteAsync(batch, cancellationToken);

    // The encoding a UTF-16 or UTF-32 byte order mark announces, or null for UTF-8.
    private static Encoding? OtherEncoding(ReadOnlySpan<byte> start) => start switch
    {
        [0xFF, 0xFE, 0, 0, ..] => Encoding.UTF32,
        [0, 0, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        [0xFF, 0xFE, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    // Bytes already read, then the rest of the stream.
    private sealed class PrefixedStream(byte[] prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < prefix.Length)
            {
                var n = Math.Min(count, prefix.Length - _position);
                prefix.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset, n));
                _position += n;
                return n;
            }
            return rest.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

// A block of input lines (raw UTF-8 or text) on its way from the reader to the consumer: parsed, with each line's
// JSON (all but its number and rules) written, on a thread of its own.
internal sealed class LineBatch
{
    public const int BlockSize = 1 << 18;
    public const int MaxLines = 1024;

    // The same decoding as StreamReader's: invalid sequences become U+FFFD, never an exception.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly NameCache _names = new();
    private byte[] _block = [];
    private char[] _chars = new char[4096];

    // The events of the block's lines, reused by the next block this batch carries (the consumer is done with them
    // by then, and nothing keeps an event): most of a line's allocations were its event and Fields dictionary.
    private NormalizedEvent?[] _events = new NormalizedEvent?[MaxLines];

    /// <summary>Lines as text, when the input was a TextReader.</summary>
    public List<string> Texts { get; } = [];

    public int BlockLength { get; set; }

    public bool SkipPreamble { get; set; }

    /// <summary>How many lines of the input come before this block's first line.</summary>
    public long LinesBefore { get; set; }

    /// <summary>Every line of the block, blank ones included (they are numbered but not written).</summary>
    public int LineCount { get; private set; }

    /// <summary>The non-blank lines, in order.</summary>
    public Line[] Lines { get; private set; } = new Line[MaxLines];

    public int Count { get; private set; }

    public ArrayBufferWriter<byte> Json { get; } = new(BlockSize * 3);

    public byte[] Block(int size)
    {
        if (_block.Length < size)
        {
            _block = new byte[size];
        }
        return _block;
    }

    public void AddLine(string line) => Texts.Add(line);

    /// <summary>
    /// The lines <see cref="Parse"/> will find in the block, blank ones included, counted without decoding: every
    /// LF, CR LF or lone CR ends one, and so does the end of a block that has bytes after its last line end.
    /// </summary>
    public int CountBlockLines()
    {
        var bytes = Bytes();
        var count = bytes.Count((byte)'\n');
        if (bytes.Contains((byte)'\r'))
        {
            // Rare (CR LF or old Mac files): a lone CR is a line end, the CR of a CR LF is not another one.
            for (var i = bytes.IndexOf((byte)'\r'); i >= 0 && i < bytes.Length; i++)
            {
                if (bytes[i] == '\r' && (i + 1 == bytes.Length || bytes[i + 1] != '\n'))
                {
                    count++;
                }
            }
        }
        return bytes.IsEmpty || bytes[^1] is (byte)'\n' or (byte)'\r' ? count : count + 1;
    }

    public void Parse(LogFormat format, ParseOptions options)
    {
        if (Texts.Count > 0)
        {
            foreach (var text in Texts)
            {
                Add(text, format, options);
            }
            return;
        }
        var bytes = Bytes();
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOfAny((byte)'\n', (byte)'\r');
            var line = end < 0 ? bytes : bytes[..end];
            // Decoded into the batch's own buffer: a string per line was half of the bytes a line allocated.
            if (_chars.Length < line.Length)
            {
                _chars = new char[Math.Max(line.Length, _chars.Length * 2)];
            }
            var length = Utf8.GetChars(line, _chars);
            Add(_chars.AsSpan(0, length), format, options);
            if (end < 0)
            {
                break;
            }
            bytes = bytes[(end + (bytes[end] == '\r' && end + 1 < bytes.Length && bytes[end + 1] == '\n' ? 2 : 1))..];
        }
    }

    private Span<byte> Bytes() => _block.AsSpan(SkipPreamble ? 3 : 0, SkipPreamble ? BlockLength - 3 : BlockLength);

    public void Clear()
    {
        Texts.Clear();
        Array.Clear(Lines, 0, Count);
        Count = 0;
        LineCount = 0;
        BlockLength = 0;
        SkipPreamble = false;
        LinesBefore = 0;
        Json.ResetWrittenCount();
    }

    private void Add(ReadOnlySpan<char> text, LogFormat format, ParseOptions options)
    {
        LineCount++;
        if (text.IsWhiteSpace())
        {
            return; // blank lines carry nothing; the numbering still counts them so N matches the editor
        }
        if (Count == Lines.Length)
        {
            var lines = Lines;
            Array.Resize(ref lines, Count * 2);
            Lines = lines;
            Array.Resize(ref _events, Count * 2);
        }
        var recycled = _events[Count] ??= new NormalizedEvent();
        var outcome = LogLineParser.Parse(text, format, options, recycled);
        LogTestJson.WriteLine(Json, LinesBefore + LineCount, outcome, _names);
        Lines[Count++] = new Line(LineCount, outcome, Json.WrittenCount);
    }

    /// <summary>A parsed line: its number within the block (from 1), its outcome, where its JSON ends.</summary>
    public readonly record struct Line(int Number, ParseOutcome Outcome, int JsonEnd);
}

/// <summary>Counts for a whole run; <see cref="Lines"/> includes blank lines.</summary>
public sealed record LogTestSummary(long Lines, long Parsed, long Quarantined, long Detections);
