using System.Buffers;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Ingestion;

/// <summary>
/// Where the syslog sockets deliver messages: (sender address, bytes). Known senders' lines are buffered per log
/// source and stored as a <see cref="RawBatch"/> (channel Syslog) at <see cref="SyslogOptions.FlushLines"/> lines or
/// after <see cref="SyslogOptions.FlushInterval"/>, then dispatched; unknown senders are tallied for
/// <see cref="UnknownSenderTally"/>. Singleton and thread-safe: every connection feeds the same instance.
/// </summary>
public sealed class SyslogIngestor(
    IServiceScopeFactory scopes,
    SyslogSourceMap sources,
    UnknownSenderTally unknown,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    ILogger<SyslogIngestor> logger)
{
    private readonly Dictionary<long, SourceBuffer> _buffers = [];
    private long _received;

    /// <summary>Messages accepted from known senders since start (tests wait on it; metrics may read it).</summary>
    public long Received => Interlocked.Read(ref _received);

    public async ValueTask ReceiveAsync(IPAddress sender, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var line = Trim(message);
        if (line.IsEmpty)
        {
            return;
        }
        var source = await sources.FindAsync(sender, cancellationToken);
        if (source is null)
        {
            unknown.Record(SyslogSourceMap.Normalize(sender), line.Span);
            return;
        }
        SourceBuffer? full = null;
        lock (_buffers)
        {
            if (!_buffers.TryGetValue(source.LogSourceId, out var buffer))
            {
                buffer = new SourceBuffer(source, clock.GetUtcNow());
                _buffers.Add(source.LogSourceId, buffer);
            }
            buffer.Append(line.Span, options.Value.MaxLineBytes);
            if (buffer.Lines >= options.Value.Syslog.FlushLines)
            {
                full = buffer;
                _buffers.Remove(source.LogSourceId);
            }
        }
        Interlocked.Increment(ref _received);
        if (full is not null)
        {
            // Storing on the receiving task is the back-pressure: a sender cannot outrun the database unbounded.
            await StoreAsync(full, cancellationToken);
        }
    }

    /// <summary>Stores buffers older than the flush interval (all of them when <paramref name="all"/>) and the unknown-sender tallies.</summary>
    public async Task FlushAsync(bool all, CancellationToken cancellationToken)
    {
        var due = new List<SourceBuffer>();
        var cutoff = clock.GetUtcNow() - options.Value.Syslog.FlushInterval;
        lock (_buffers)
        {
            foreach (var buffer in _buffers.Values.Where(b => all || b.Started <= cutoff).ToList())
            {
                due.Add(buffer);
                _buffers.Remove(buffer.Source.LogSourceId);
            }
        }
        foreach (var buffer in due)
        {
            await StoreAsync(buffer, cancellationToken);
        }
        await unknown.SaveAsync(cancellationToken);
    }

    private async Task StoreAsync(SourceBuffer buffer, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(buffer.Source.TenantId);
            using var content = buffer.Detach();
            var stored = await scope.ServiceProvider.GetRequiredService<BatchWriter>().StoreAsync(
                buffer.Source.TenantId, buffer.Source.LogSourceId, IngestChannel.Syslog, content, null, cancellationToken);
            scope.ServiceProvider.GetRequiredService<IBatchDispatcher>().Enqueue(stored.TenantId, stored.BatchId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Syslog has no retransmission to fall back on: the loss is logged with its size, and listening goes on.
            logger.LogError(ex, "Could not store {Lines} syslog lines of log source {LogSourceId}; they are lost", buffer.Lines, buffer.Source.LogSourceId);
        }
    }

    /// <summary>One message is one stored line: trailing CR/LF/NUL go, embedded line breaks become spaces.</summary>
    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var end = span.TrimEnd("\r\n\0"u8).Length;
        var start = end - span[..end].TrimStart("\r\n"u8).Length;
        return message[start..end];
    }

    private sealed class SourceBuffer(SyslogSource source, DateTimeOffset started)
    {
        private readonly ArrayBufferWriter<byte> _content = new(4096);

        public SyslogSource Source { get; } = source;

        public DateTimeOffset Started { get; } = started;

        public int Lines { get; private set; }

        public void Append(ReadOnlySpan<byte> line, int maxLineBytes)
        {
            if (Lines > 0)
            {
                _content.Write("\n"u8);
            }
            // Keep one byte over the limit so the parser still flags the event as truncated (see LineChunker).
            var kept = line.Length > maxLineBytes + 1 ? line[..(maxLineBytes + 1)] : line;
            var target = _content.GetSpan(kept.Length)[..kept.Length];
            kept.CopyTo(target);
            target.Replace((byte)'\n', (byte)' ');
            target.Replace((byte)'\r', (byte)' ');
            _content.Advance(kept.Length);
            Lines++;
        }

        /// <summary>The buffer is out of the map by now: nobody appends while it is read.</summary>
        public MemoryStream Detach() =>
            MemoryMarshal.TryGetArray(_content.WrittenMemory, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(_content.WrittenMemory.ToArray(), writable: false);
    }
}
