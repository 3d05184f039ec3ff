using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// Parses a stored batch into events, quarantines what does not parse, and hands events to detection. Each chunk
// commits in one transaction with its "processed" flag, so a crash loses nothing and a rerun (Hangfire retry,
// sweep, a second worker) writes nothing twice. The caller sets the batch's tenant scope.
public sealed record ProcessBatch(long BatchId) : ICommand<BatchProcessingResult>;

public sealed record BatchProcessingResult(bool Found, BatchState State, int Events, int Quarantined, int AlertsRaised, int AlertsUpdated);

internal sealed class ProcessBatchHandler(
    PortalDbContext db,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    ChunkWriter chunks,
    DetectionOwner owner,
    IServiceScopeFactory scopes,
    WriteTurns turns,
    ILogger<ProcessBatchHandler> logger) : ICommandHandler<ProcessBatch, BatchProcessingResult>
{
    public async ValueTask<BatchProcessingResult> Handle(ProcessBatch command, CancellationToken cancellationToken)
    {
        // A chunk's writes commit or roll back whole, so EF's savepoint around each SaveChanges inside the chunk's
        // transaction buys nothing; on SQLite it makes every page a save touches go through a statement journal too.
        db.Database.AutoSavepointsEnabled = false;
        var now = clock.GetUtcNow();
        var lease = options.Value.ProcessingLease;
        // Claim atomically: only one worker processes a batch at a time; an expired lease can be taken over.
        var claimed = await db.RawBatches
            .Where(b => b.Id == command.BatchId && (b.State == BatchState.Pending || (b.State == BatchState.Processing && b.LeaseUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.State, BatchState.Processing)
                .SetProperty(b => b.LeaseUntil, now + lease)
                .SetProperty(b => b.Attempts, b => b.Attempts + 1), cancellationToken);
        var batch = await db.RawBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == command.BatchId, cancellationToken);
        if (batch is null)
        {
            return new BatchProcessingResult(false, BatchState.Failed, 0, 0, 0, 0);
        }
        if (claimed == 0)
        {
            return new BatchProcessingResult(true, batch.State, batch.EventsWritten, batch.LinesQuarantined, 0, 0);
        }

        // Detection's windows for a tenant live in one engine: the tenant's batches run where its windows are.
        var detecting = chunks.Detecting;
        if (detecting && !await owner.TryAcquireAsync(batch.TenantId, lease, cancellationToken))
        {
            // Another worker is running this tenant: hand the batch back (the job retries it; the sweep would too).
            await db.RawBatches.Where(b => b.Id == batch.Id && b.State == BatchState.Processing).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.State, BatchState.Pending)
                .SetProperty(b => b.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(b => b.Attempts, b => b.Attempts - 1), CancellationToken.None);
            return new BatchProcessingResult(true, BatchState.Pending, batch.EventsWritten, batch.LinesQuarantined, 0, 0);
        }
        await using var heartbeat = LeaseHeartbeat.Start(scopes, clock, new(batch.TenantId, batch.Id, detecting ? owner.Id : null, lease), logger);

        var source = await db.LogSources.AsNoTracking().FirstAsync(s => s.Id == batch.LogSourceId, cancellationToken);
        var zone = await db.Tenants.Where(t => t.Id == batch.TenantId).Select(t => t.TimeZone).FirstAsync(cancellationToken);
        var parse = new ParseOptions(IngestionOptions.ZoneFor(source.TimeZone, zone), batch.ReceivedAt,
            MaxLineLength: options.Value.LineLimitFor(source.ExpectedFormat));

        var totals = new Totals();
        var finished = false;
        Task<PreparedWindows?>? windows = null;
        try
        {
            var chunkIds = await db.RawBatchChunks.Where(c => c.BatchId == batch.Id && c.Sequence >= batch.ChunksProcessed)
                .OrderBy(c => c.Sequence).Select(c => c.Id).ToListAsync(cancellationToken);
            // Two stages: while one chunk is written (single SQLite writer, this thread), the next is decoded and parsed
            // on the thread pool. Parsing is pure code, so the overlap changes nothing but the wall time.
            // One chunk ahead: two ahead measured no faster and 15 MB more at the peak (every collection copies the live
            // parsed chunks; docs/performance.md).
            Task<ParsedChunk>? next = null;
            // Chunks parse into recycled events, two sets taking turns: chunk i+1 parses into the set of chunk i-1,
            // which was written (and nothing holds its events: rows copy their values, detection keeps none).
            List<NormalizedEvent>[] recycled = [[], []];
            try
            {
                for (var i = 0; i < chunkIds.Count; i++)
                {
                    var started = IngestionTimings.Now;
                    var current = await (next ?? await StartParseAsync(batch, source, chunkIds[i], parse, recycled[i % 2], Task.CompletedTask,
                        cancellationToken));
                    IngestionTimings.Add(IngestionPhase.WaitForParse, started);
                    // The chunk's rules first, and the next chunk's parse behind them on the same pool thread: started
                    // side by side, the two shared the second core with this thread's insert (three threads, two cores).
                    var begun = await chunks.BeginAsync(batch.TenantId, detecting ? current.Lines.Inputs : null, cancellationToken);
                    if (detecting && i == chunkIds.Count - 1)
                    {
                        windows = owner.PrepareRelease(batch.TenantId, begun.SettledAsync());
                    }
                    started = IngestionTimings.Now;
                    try
                    {
                        next = i + 1 < chunkIds.Count
                            ? await StartParseAsync(batch, source, chunkIds[i + 1], parse, recycled[(i + 1) % 2], begun.SettledAsync(), cancellationToken)
                            : null;
                    }
                    catch
                    {
                        await begun.SettledAsync(); // the engine is left alone before the batch abandons its windows
                        throw;
                    }
                    IngestionTimings.Add(IngestionPhase.ReadChunk, started);
                    await WriteChunkAsync(batch, source, current, begun, totals, detecting, lease, cancellationToken);
                }
            }
            finally
            {
                if (next is not null)
                {
                    // A failed write leaves a parse running: let it end before the context it read from is disposed.
                    await next.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
            await db.RawBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s
                .SetProperty(b => b.State, BatchState.Done)
                .SetProperty(b => b.CompletedAt, clock.GetUtcNow())
                .SetProperty(b => b.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(b => b.LastError, (string?)null), CancellationToken.None);
            finished = true;
            if (detecting)
            {
                await owner.ReleaseAsync(batch.TenantId, windows);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch stays Processing with its lease: a retry or the sweep resumes from the first unprocessed chunk.
            logger.LogError(ex, "Batch {BatchId} failed after {Events} events", batch.Id, totals.Events);
            var message = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
            await db.RawBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.LastError, message), CancellationToken.None);
            throw;
        }
        finally
        {
            if (detecting && !finished)
            {
                await owner.AbandonAsync(batch.TenantId);
            }
        }
        return new BatchProcessingResult(true, BatchState.Done, totals.Events, totals.Quarantined, totals.AlertsRaised, totals.AlertsUpdated);
    }

    // after: what the parse waits for on its pool thread first (the current chunk's rules).
    private async Task<Task<ParsedChunk>> StartParseAsync(RawBatch batch, LogSource source, long chunkId, ParseOptions parse,
        List<NormalizedEvent> recycled, Task after, CancellationToken cancellationToken)
    {
        var chunk = await db.RawBatchChunks.AsNoTracking().FirstAsync(c => c.Id == chunkId, cancellationToken);
        return Task.Run(async () =>
        {
            await after;
            var started = IngestionTimings.Now;
            var parsed = Parse(batch, source, chunk, parse, recycled);
            IngestionTimings.Add(IngestionPhase.Parse, started);
            return parsed;
        }, cancellationToken);
    }

    // Decodes and parses one stored chunk: events for the parsed lines, quarantine rows for the rest. The events
    // are recycled's, reset and refilled (more are added when the chunk has more lines).
    private static ParsedChunk Parse(RawBatch batch, LogSource source, RawBatchChunk chunk, ParseOptions parse, List<NormalizedEvent> recycled)
    {
        // First let go of everything the previous chunk's events still reference: kept until each line reached them,
        // those strings were copied by every collection meanwhile (a 3M-event run peaked 8-12 MB higher).
        foreach (var ev in recycled)
        {
            ev.Reset();
        }
        var used = 0;
        var parsed = new ParsedLines(chunk.LineCount);
        var lineNumber = chunk.FirstLine;
        // Decoded into a pooled buffer: lines become strings and quarantined bytes are copied, so nothing outlives it.
        using var content = chunk.Open();
        var bytes = content.Span;
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = bytes[start..].IndexOf((byte)'\n');
            var end = newline < 0 ? bytes.Length : start + newline;
            var received = bytes[start..end];
            var raw = LogLineDecoder.Decode(received, parse.MaxLineLength, out var cut);
            if (used == recycled.Count)
            {
                recycled.Add(new NormalizedEvent());
            }
            var origin = new LineOrigin(batch.TenantId, source.Id, batch.Id, batch.ReceivedAt, lineNumber);
            var line = ChunkWriter.ParseLine(raw, cut, origin, source.ExpectedFormat, parse, recycled[used], parsed);
            if (line.UsedTarget)
            {
                used++; // a line that failed leaves its event to the next line
            }
            else if (!line.Parsed)
            {
                parsed.Quarantined.Add(ChunkWriter.Quarantine(origin, raw, received, line.Truncated, line.Error));
            }
            lineNumber++;
            start = end + 1;
        }
        return new ParsedChunk(chunk.Sequence, parsed);
    }

    private async Task WriteChunkAsync(RawBatch batch, LogSource source, ParsedChunk parsed, BegunUnit begun, Totals totals, bool detecting,
        TimeSpan lease, CancellationToken cancellationToken)
    {
        var lines = parsed.Lines;
        var outcome = await chunks.RetriableAsync(batch.TenantId, begun,
            (early, ct) => WriteChunkOnceAsync(batch, source, parsed, detecting, lease, early, ct), () =>
        {
            foreach (var line in lines.Quarantined)
            {
                line.Unsaved(); // ids the rolled-back attempt assigned
            }
        }, cancellationToken);
        if (outcome is { } written)
        {
            totals.Events += lines.Rows.Count;
            totals.Quarantined += lines.Quarantined.Count;
            totals.AlertsRaised += written.AlertsRaised;
            totals.AlertsUpdated += written.AlertsUpdated;
            if (detecting)
            {
                await owner.SaveIfDueAsync(batch.TenantId, cancellationToken);
            }
        }
    }

    // One attempt at a chunk, in one transaction. Null: another worker wrote the chunk already.
    private async Task<DetectionOutcome?> WriteChunkOnceAsync(RawBatch batch, LogSource source, ParsedChunk parsed, bool detecting, TimeSpan lease,
        StartedEvaluations? early, CancellationToken cancellationToken)
    {
        var (sequence, lines) = parsed;
        var started = IngestionTimings.Now;
        // Stores of arriving lines go first (WriteTurns): receiving never waits behind a long batch.
        using var turn = await turns.ProcessAsync(cancellationToken);
        IngestionTimings.Add(IngestionPhase.ClaimTurn, started);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The guard and the batch's counters in one statement: a chunk that another worker has written is skipped.
        var now = clock.GetUtcNow();
        var marked = await db.RawBatches.Where(b => b.Id == batch.Id && b.ChunksProcessed == sequence)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ChunksProcessed, sequence + 1)
                .SetProperty(b => b.EventsWritten, b => b.EventsWritten + lines.Rows.Count)
                .SetProperty(b => b.LinesQuarantined, b => b.LinesQuarantined + lines.Quarantined.Count)
                .SetProperty(b => b.LeaseUntil, now + lease), cancellationToken);
        if (marked == 0)
        {
            if (early is not null)
            {
                // Only an owner of the tenant's detection writes its chunks, so that was another owner; and this engine
                // has evaluated events it will not write. Its windows go (the batch fails, AbandonAsync).
                await early.SettledAsync();
                throw new DetectionOwnershipLostException(batch.TenantId);
            }
            return null; // another worker finished this chunk meanwhile: nothing to write twice
        }
        if (detecting)
        {
            // Commits only while this worker still owns the tenant's detection: two owners would split its windows.
            await owner.RenewAsync(batch.TenantId, lease, cancellationToken);
        }
        IngestionTimings.Add(IngestionPhase.Claim, started);
        var outcome = await chunks.WriteAsync(batch.TenantId, source.Id, lines, cancellationToken, early);
        started = IngestionTimings.Now;
        await transaction.CommitAsync(cancellationToken);
        if (detecting)
        {
            owner.ChunkCommitted(batch.TenantId);
        }
        IngestionTimings.Add(IngestionPhase.Commit, started);
        db.ChangeTracker.Clear();
        return outcome;
    }

    private sealed record ParsedChunk(int Sequence, ParsedLines Lines);

    private sealed class Totals
    {
        public int Events { get; set; }

        public int Quarantined { get; set; }

        public int AlertsRaised { get; set; }

        public int AlertsUpdated { get; set; }
    }
}

/// <summary>Processes one batch in its tenant's scope. Ids only; re-entrant: a retry resumes, a rerun writes nothing.</summary>
public sealed class ProcessBatchJob(ISender sender, ITenantContext tenant)
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid tenantId, long batchId, CancellationToken cancellationToken)
    {
        tenant.Use(tenantId);
        var result = await sender.Send(new ProcessBatch(batchId), cancellationToken);
        if (result is { Found: true, State: BatchState.Pending })
        {
            // Another worker owns the tenant's detection right now: Hangfire's retry brings the batch back in a while.
            throw new BatchDeferredException(batchId);
        }
    }
}

public sealed class BatchDeferredException(long batchId)
    : InvalidOperationException($"Batch {batchId} waits: another worker is processing its tenant.");
