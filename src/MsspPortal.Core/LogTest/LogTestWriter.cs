using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.LogTest;

/// <summary>
/// "Log test" (like wazuh-logtest): each line is parsed, evaluated by a <see cref="DetectionEngine"/>, and written
/// as one JSON object per line (NDJSON) with the detected format, the ECS fields and the rules that fired.
/// Shared by `mssp logtest` and the portal's Log test page. Not thread-safe: one writer per stream.
/// </summary>
public sealed class LogTestWriter : IDisposable
{
    // Flushed to the output when this full: few large writes instead of one per line.
    private const int FlushThreshold = 1 << 16;

    private readonly LogFormat _format;
    private readonly ParseOptions _options;
    private readonly DetectionEngine? _engine;
    private readonly Guid _tenantId;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;
    private readonly List<DetectionResult> _detections = [];

    public LogTestWriter(LogFormat format, ParseOptions options, DetectionEngine? engine, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _format = format;
        _options = options;
        _engine = engine;
        _tenantId = tenantId;
        // SkipValidation: the writer is reused for many top-level objects, one per output line.
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>The tenant the rules are evaluated for when the caller has none (CLI): a fixed, synthetic one.</summary>
    public static readonly Guid SyntheticTenantId = new("6c6f6774-6573-7400-0000-000000000001");

    /// <summary>Parses and writes every line of <paramref name="input"/>; quarantined lines also go to <paramref name="errors"/> as "line N: reason".</summary>
    /// <remarks>
    /// Two stages on two threads: one reads and parses batches of lines, the other evaluates rules in line order
    /// (windows and sequences depend on it) and writes JSON. They cost about the same, so with two free cores a run
    /// takes roughly half as long.
    /// </remarks>
    public async Task<LogTestSummary> RunAsync(TextReader input, Stream output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        // Bounded: the reader stays at most a few batches ahead, so memory stays flat however long the input.
        var batches = Channel.CreateBounded<ParsedBatch>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadAndParseAsync(input, batches.Writer, cancellationToken), cancellationToken);
        long parsed = 0, quarantined = 0, detections = 0;
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var result = Write(batch.Outcomes[i], batch.LineNumbers[i]);
                    if (result.Error is null)
                    {
                        parsed++;
                        detections += result.Detections;
                    }
                    else
                    {
                        quarantined++;
                        await errors.WriteLineAsync($"line {batch.LineNumbers[i]}: {result.Error}".AsMemory(), cancellationToken).ConfigureAwait(false);
                    }
                }
                if (_buffer.WrittenCount >= FlushThreshold)
                {
                    await FlushAsync(output, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            // Never leave the reader running: a completed channel makes its next write throw, which ends it.
            batches.Writer.TryComplete();
            await ((Task)reader).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        var lines = await reader.ConfigureAwait(false); // rethrows the reader's I/O error, if any
        await FlushAsync(output, cancellationToken).ConfigureAwait(false);
        return new LogTestSummary(lines, parsed, quarantined, detections);
    }

    /// <summary>Parses one line and appends its JSON object and a newline to the internal buffer.</summary>
    public LogTestLineResult Write(string line, long lineNumber) => Write(LogLineParser.Parse(line, _format, _options), lineNumber);

    private async Task<long> ReadAndParseAsync(TextReader input, ChannelWriter<ParsedBatch> batches, CancellationToken cancellationToken)
    {
        long lineNumber = 0;
        try
        {
            var batch = new ParsedBatch();
            while (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue; // blank lines carry nothing; the numbering still counts them so N matches the editor
                }
                batch.Add(lineNumber, LogLineParser.Parse(line, _format, _options));
                if (batch.IsFull)
                {
                    await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    batch = new ParsedBatch();
                }
            }
            if (batch.Count > 0)
            {
                await batches.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            batches.TryComplete();
        }
        catch (Exception ex)
        {
            // The writing side must hear of it (a read error), or it would wait for batches that never come.
            batches.TryComplete(ex);
            throw;
        }
        return lineNumber;
    }

    private LogTestLineResult Write(ParseOutcome outcome, long lineNumber)
    {
        _json.Reset();
        _json.WriteStartObject();
        _json.WriteNumber(LogTestJson.Line, lineNumber);
        _json.WriteString(LogTestJson.Format, LogTestJson.FormatName(outcome.DetectedFormat));
        if (outcome.Truncated)
        {
            _json.WriteBoolean(LogTestJson.Truncated, true);
        }
        if (outcome.Event is not { } ev)
        {
            _json.WriteString(LogTestJson.Quarantined, outcome.Error);
            EndLine();
            return new LogTestLineResult(outcome.Error ?? "unparsed", 0);
        }
        LogTestJson.WriteEvent(_json, ev);
        _detections.Clear();
        _engine?.Evaluate(_tenantId, ev, _detections);
        LogTestJson.WriteRules(_json, _detections);
        EndLine();
        return new LogTestLineResult(null, _detections.Count);
    }

    /// <summary>Writes what is buffered to <paramref name="output"/>.</summary>
    public async Task FlushAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_buffer.WrittenCount > 0)
        {
            await output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.ResetWrittenCount();
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The buffered NDJSON not yet flushed (for callers that render it themselves, e.g. a web page).</summary>
    public ReadOnlyMemory<byte> Buffered => _buffer.WrittenMemory;

    public void Dispose() => _json.Dispose();

    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
    }
}

/// <summary>Up to 1024 parsed lines handed from the reading thread to the writing one.</summary>
internal sealed class ParsedBatch
{
    private const int Capacity = 1024;

    public ParseOutcome[] Outcomes { get; } = new ParseOutcome[Capacity];

    public long[] LineNumbers { get; } = new long[Capacity];

    public int Count { get; private set; }

    public bool IsFull => Count == Capacity;

    public void Add(long lineNumber, ParseOutcome outcome)
    {
        LineNumbers[Count] = lineNumber;
        Outcomes[Count++] = outcome;
    }
}

/// <summary>One line's result: the quarantine reason (null when parsed) and how many rules fired.</summary>
public readonly record struct LogTestLineResult(string? Error, int Detections);

/// <summary>Counts for a whole run; <see cref="Lines"/> includes blank lines.</summary>
public sealed record LogTestSummary(long Lines, long Parsed, long Quarantined, long Detections);
