using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// Where the syslog sockets deliver messages: (sender address, bytes). Three stages, none waiting on the next: <list
// type="number"> the sockets put messages in a bounded in-memory queue — UDP without waiting (a full queue is
// counted as overflow, per sender), TCP waiting for room (the sender feels back-pressure, nothing is lost); one
// writer maps each sender to its log source (unknown senders go to UnknownSenderTally) and appends the lines to the
// SyslogSpool on disk, sealing a segment at FlushLines lines or after FlushInterval; one drainer stores each sealed
// segment as RawBatches (one per source, channel Syslog), dispatches them, and deletes the segment; when the
// database is busy or down it retries, the lines stay on disk. Receiving thus never waits behind processing (issue
// 11.1) and the UDP loop only reads (issue 18). Singleton and thread-safe: every connection feeds the same
// instance.
public sealed class SyslogIngestor : IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SyncInterval = TimeSpan.FromMilliseconds(100);

    private readonly IServiceScopeFactory _scopes;
    private readonly SyslogSourceMap _sources;
    private readonly UnknownSenderTally _unknown;
    private readonly TimeProvider _clock;
    private readonly IOptions<IngestionOptions> _options;
    private readonly SyslogReceiveStats _stats;
    private readonly WriteTurns _turns;
    private readonly ILogger<SyslogIngestor> _logger;
    private readonly Channel<Arrival> _queue;
    private readonly SyslogSpool _spool;
    private readonly SemaphoreSlim _spoolLock = new(1, 1);
    private readonly SemaphoreSlim _drainLock = new(1, 1);
    private readonly SemaphoreSlim _sealed = new(0, int.MaxValue);
    private long _received;
    private long _queued;
    private long _taken;
    private DateTimeOffset _lastSync;

    public SyslogIngestor(IServiceScopeFactory scopes, SyslogSourceMap sources, UnknownSenderTally unknown, TimeProvider clock,
        IOptions<IngestionOptions> options, SyslogSpool spool, SyslogReceiveStats stats, WriteTurns turns, ILogger<SyslogIngestor> logger)
    {
        (_scopes, _sources, _unknown, _clock, _options, _spool, _stats, _turns, _logger) = (scopes, sources, unknown, clock, options, spool, stats, turns, logger);
        _queue = Channel.CreateBounded<Arrival>(new BoundedChannelOptions(Math.Max(1, options.Value.Syslog.QueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    // Messages from known senders made durable in the spool since start (tests wait on it).
    public long Received => Interlocked.Read(ref _received);

    // Messages queued and not yet in the spool, plus spooled lines not yet stored (the bench waits on it).
    public bool Idle => Interlocked.Read(ref _taken) >= Interlocked.Read(ref _queued) && _spool.OpenLines == 0 && _spool.Sealed().Count == 0;

    // Offers a datagram without waiting: false (and counted as overflow) when the queue is full.
    public bool TryOffer(IPAddress sender, ReadOnlyMemory<byte> message, SyslogReceiveStats.ListenerCounters listener)
    {
        listener.CountReceived();
        if (_queue.Writer.TryWrite(new Arrival(sender, message.ToArray())))
        {
            Interlocked.Increment(ref _queued);
            return true;
        }
        _stats.QueueOverflow(listener, SyslogSourceMap.Normalize(sender));
        return false;
    }

    // Queues a message, waiting for room: a TCP sender is slowed down, not dropped.
    public async ValueTask ReceiveAsync(IPAddress sender, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _queue.Writer.WriteAsync(new Arrival(sender, message.ToArray()), cancellationToken);
        Interlocked.Increment(ref _queued);
    }

    // Runs the writer and the drainer until stopped; the listener calls it.
    public Task RunAsync(CancellationToken stoppingToken) => Task.WhenAll(WriteLoopAsync(stoppingToken), DrainLoopAsync(stoppingToken));

    // Seals the spool's open segment when it is due (every segment when all, after waiting until everything queued
    // is in the spool) and stores sealed segments; saves the unknown-sender tallies. With all a failure to store is
    // logged and the lines stay in the spool for the next start.
    public async Task FlushAsync(bool all, CancellationToken cancellationToken)
    {
        if (all)
        {
            await WriteQueuedAsync(cancellationToken);
        }
        await SealIfDueAsync(all, cancellationToken);
        if (all)
        {
            try
            {
                await DrainOnceAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogError(ex, "Syslog lines could not be stored now; they stay in the spool ({Directory}) and are stored at the next start",
                    _spool.DirectoryPath);
            }
        }
        await _unknown.SaveAsync(cancellationToken);
    }

    public void Dispose()
    {
        _spoolLock.Dispose();
        _drainLock.Dispose();
        _sealed.Dispose();
    }

    private async Task WriteLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAvailableAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _logger.LogDebug("Syslog spool writer stopped");
        }
    }

    // After the loops stopped: whatever is still queued goes to the spool.
    private async Task WriteQueuedAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _taken) < Interlocked.Read(ref _queued))
        {
            if (!await WriteAvailableAsync(cancellationToken))
            {
                await Task.Delay(10, cancellationToken); // the writer loop holds the current block
            }
        }
    }

    // One block: everything queued now, appended and committed in one write. Retries while the disk refuses.
    private async Task<bool> WriteAvailableAsync(CancellationToken cancellationToken)
    {
        await _spoolLock.WaitAsync(cancellationToken);
        try
        {
            var block = new List<SpooledLine>();
            var taken = 0;
            while (taken < 8192 && _queue.Reader.TryRead(out var item))
            {
                taken++;
                if (await ToSpooledAsync(item, cancellationToken) is { } line)
                {
                    block.Add(line);
                }
            }
            if (taken == 0)
            {
                return false;
            }
            try
            {
                await AppendWithRetryAsync(block, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopped while the disk refused every write: these lines were never kept, so they are counted and said.
                foreach (var group in block.GroupBy(l => l.LogSourceId))
                {
                    _stats.LostForSource(group.Key, group.Count());
                }
                _logger.LogError("Syslog stopped while the spool could not be written: {Lines} received lines are lost", block.Count);
                throw;
            }
            Interlocked.Add(ref _received, block.Count);
            Interlocked.Add(ref _taken, taken);
            if (_spool.OpenLines >= _options.Value.Syslog.FlushLines)
            {
                Seal();
            }
            return true;
        }
        finally
        {
            _spoolLock.Release();
        }
    }

    private async Task AppendWithRetryAsync(List<SpooledLine> block, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                var now = _clock.GetUtcNow();
                var sync = now - _lastSync >= SyncInterval;
                _spool.Append(block, now, sync);
                if (sync)
                {
                    _lastSync = now;
                }
                if (_stats.SpoolProblem is not null && _stats.SpoolProblem.StartsWith("cannot write", StringComparison.Ordinal))
                {
                    _logger.LogWarning("Syslog spool is writable again; receiving resumes");
                    _stats.SpoolProblem = null;
                }
                return;
            }
            catch (IOException ex)
            {
                // Disk full or failing: keep the block in memory and try again. Meanwhile the queue fills: TCP senders
                // wait, UDP datagrams beyond it are counted as overflow — nothing is taken that was not written.
                if (_stats.SpoolProblem is null)
                {
                    _logger.LogError(ex, "Syslog spool cannot be written ({Directory}); {Lines} lines held in memory, retrying", _spool.DirectoryPath, block.Count);
                }
                _stats.SpoolProblem = "cannot write to " + _spool.DirectoryPath + ": " + ex.Message;
                await Task.Delay(delay, _clock, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private async ValueTask<SpooledLine?> ToSpooledAsync(Arrival item, CancellationToken cancellationToken)
    {
        var line = Line(item.Message);
        if (line.IsEmpty)
        {
            return null;
        }
        var source = await _sources.FindAsync(item.Sender, cancellationToken);
        if (source is null)
        {
            _unknown.Record(SyslogSourceMap.Normalize(item.Sender), line.Span);
            return null;
        }
        if (line.Length > _options.Value.MaxLineBytes)
        {
            // Only a TCP frame decoder set larger than the line limit lets this happen; counted, never stored cut.
            _stats.LostForSource(source.LogSourceId, 1);
            _logger.LogWarning("Syslog line of {Bytes} bytes from log source {LogSourceId} is over the {Limit}-byte line limit; not stored",
                line.Length, source.LogSourceId, _options.Value.MaxLineBytes);
            return null;
        }
        return new SpooledLine(source.TenantId, source.LogSourceId, line.ToArray());
    }

    private async Task SealIfDueAsync(bool all, CancellationToken cancellationToken)
    {
        await _spoolLock.WaitAsync(cancellationToken);
        try
        {
            if (all || (_spool.OpenedAt is { } opened && _clock.GetUtcNow() - opened >= _options.Value.Syslog.FlushInterval))
            {
                Seal();
            }
        }
        finally
        {
            _spoolLock.Release();
        }
    }

    private void Seal()
    {
        try
        {
            _spool.Seal();
            _sealed.Release();
        }
        catch (IOException ex)
        {
            // The segment stays open and complete; sealing is tried again at the next flush.
            _logger.LogError(ex, "Syslog spool segment could not be sealed; retrying at the next flush");
        }
    }

    private async Task DrainLoopAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _sealed.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                try
                {
                    await DrainOnceAsync(stoppingToken);
                    delay = TimeSpan.FromMilliseconds(250);
                    if (_stats.SpoolProblem is { } problem && problem.StartsWith("cannot store", StringComparison.Ordinal))
                    {
                        _logger.LogWarning("Syslog spool is being stored again");
                        _stats.SpoolProblem = null;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is locked, full or gone: the lines wait on disk, and this retries unattended.
                    if (_stats.SpoolProblem is null)
                    {
                        _logger.LogWarning(ex, "Syslog spool cannot be stored now; {Segments} segment(s) wait on disk, retrying", _spool.Sealed().Count);
                    }
                    _stats.SpoolProblem ??= "cannot store spooled lines: " + ex.Message;
                    await Task.Delay(delay, _clock, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            _logger.LogDebug("Syslog spool drainer stopped");
        }
    }

    private async Task DrainOnceAsync(CancellationToken cancellationToken)
    {
        await _drainLock.WaitAsync(cancellationToken);
        try
        {
            var segments = _spool.Sealed();
            _stats.SpoolBacklogSegments = segments.Count;
            if (segments.Count == 0)
            {
                return;
            }
            // One acceptance turn for the whole backlog (segments are read from local disk, so storing is quick): taken per
            // write, each of a batch's commits waited for a processing transaction and the spool fell behind (measured:
            // 132 segments waiting after a 60 s run at 20,000 msg/s). Processing resumes once the spool is stored.
            using var turn = await _turns.AcceptAsync(cancellationToken);
            foreach (var segment in segments)
            {
                var done = SyslogSpool.Done(segment);
                var groups = SyslogSpool.Read(segment).GroupBy(l => (l.TenantId, l.LogSourceId));
                foreach (var group in groups.Where(g => !done.Contains(g.Key.LogSourceId)))
                {
                    await StoreAsync(group.Key.TenantId, group.Key.LogSourceId, [.. group], cancellationToken);
                    _spool.MarkDone(segment, group.Key.LogSourceId);
                }
                SyslogSpool.Remove(segment);
                _stats.SpoolBacklogSegments = Math.Max(0, _stats.SpoolBacklogSegments - 1);
            }
        }
        finally
        {
            _drainLock.Release();
        }
    }

    private async Task StoreAsync(Guid tenantId, long logSourceId, List<SpooledLine> lines, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        using var content = Content(lines);
        await scope.ServiceProvider.GetRequiredService<AcceptBatch>().AcceptAsync(
            tenantId, logSourceId, IngestChannel.Syslog, content, null, cancellationToken);
    }

    // One message is one stored line: embedded line breaks become spaces.
    private static MemoryStream Content(List<SpooledLine> lines)
    {
        var content = new MemoryStream(lines.Sum(l => l.Message.Length + 1));
        foreach (var line in lines)
        {
            if (content.Length > 0)
            {
                content.WriteByte((byte)'\n');
            }
            var start = content.Position;
            content.Write(line.Message);
            var written = content.GetBuffer().AsSpan((int)start, line.Message.Length);
            written.Replace((byte)'\n', (byte)' ');
            written.Replace((byte)'\r', (byte)' ');
        }
        content.Position = 0;
        return content;
    }

    // Trailing CR/LF/NUL go (devices end messages with them), leading CR/LF too.
    private static ReadOnlyMemory<byte> Line(byte[] message)
    {
        var span = message.AsSpan();
        var end = span.TrimEnd("\r\n\0"u8).Length;
        var start = end - span[..end].TrimStart("\r\n"u8).Length;
        return message.AsMemory(start..end);
    }

    private readonly record struct Arrival(IPAddress Sender, byte[] Message);
}
