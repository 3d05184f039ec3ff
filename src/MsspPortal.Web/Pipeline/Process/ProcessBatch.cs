using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Ingestion;
namespace MsspPortal.Web.Pipeline;

/// <summary>
/// Parses a stored batch into events, quarantines what does not parse, and hands events to detection. Each chunk
/// commits in one transaction with its "processed" flag, so a crash loses nothing and a rerun (Hangfire retry,
/// sweep, a second worker) writes nothing twice. The caller sets the batch's tenant scope.
/// </summary>
public sealed record ProcessBatch(long BatchId) : ICommand<BatchProcessingResult>;

public sealed record BatchProcessingResult(bool Found, BatchState State, int Events, int Quarantined, int AlertsRaised, int AlertsUpdated);

internal sealed class ProcessBatchHandler(
    PortalDbContext db,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    EventWriter writer,
    IEnumerable<IDetectionStage> detectionStages,
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
        var detecting = detectionStages.Any();
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
                    var current = await (next ?? await StartParseAsync(batch, source, chunkIds[i], parse, recycled[i % 2], cancellationToken));
                    started = IngestionTimings.Add(IngestionPhase.WaitForParse, started);
                    next = i + 1 < chunkIds.Count
                        ? await StartParseAsync(batch, source, chunkIds[i + 1], parse, recycled[(i + 1) % 2], cancellationToken)
                        : null;
                    IngestionTimings.Add(IngestionPhase.ReadChunk, started);
                    await WriteChunkAsync(batch, source, current, totals, detecting, lease, cancellationToken);
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
                await owner.ReleaseAsync(batch.TenantId);
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

    private async Task<Task<ParsedChunk>> StartParseAsync(RawBatch batch, LogSource source, long chunkId, ParseOptions parse,
        List<NormalizedEvent> recycled, CancellationToken cancellationToken)
    {
        var chunk = await db.RawBatchChunks.AsNoTracking().FirstAsync(c => c.Id == chunkId, cancellationToken);
        return Task.Run(() =>
        {
            var started = IngestionTimings.Now;
            var parsed = Parse(batch, source, chunk, parse, recycled);
            IngestionTimings.Add(IngestionPhase.Parse, started);
            return parsed;
        }, cancellationToken);
    }

    /// <summary>
    /// Decodes and parses one stored chunk: events for the parsed lines, quarantine rows for the rest. The events are
    /// <paramref name="recycled"/>'s, reset and refilled (more are added when the chunk has more lines).
    /// </summary>
    private static ParsedChunk Parse(RawBatch batch, LogSource source, RawBatchChunk chunk, ParseOptions parse, List<NormalizedEvent> recycled)
    {
        // First let go of everything the previous chunk's events still reference: kept until each line reached them,
        // those strings were copied by every collection meanwhile (a 3M-event run peaked 8-12 MB higher).
        foreach (var ev in recycled)
        {
            ev.Reset();
        }
        var used = 0;
        var rows = new List<SecurityEvent>(chunk.LineCount);
        var inputs = new List<DetectionInput>(chunk.LineCount);
        var quarantined = new List<QuarantinedLine>();
        var lineNumber = chunk.FirstLine;
        foreach (var range in LineRanges(chunk.Content))
        {
            var raw = LogLineDecoder.Decode(chunk.Content.AsSpan(range), parse.MaxLineLength, out var cut);
            if (used == recycled.Count)
            {
                recycled.Add(new NormalizedEvent());
            }
            var outcome = LogLineParser.Parse(raw, source.ExpectedFormat, parse, recycled[used]);
            var truncated = cut || outcome.Truncated;
            if (outcome.Event is { } normalized)
            {
                used++; // a line that failed leaves its event to the next line
                rows.Add(EventMapping.ToRow(normalized, batch, lineNumber, raw, truncated));
                inputs.Add(new DetectionInput(0, source.Id, normalized));
            }
            else if (Envelope(raw, source, parse) is { } records)
            {
                // One line holding many records (a CloudTrail "Records" object): one event each, same line number.
                for (var r = 0; r < records.Count; r++)
                {
                    var record = records[r];
                    rows.Add(EventMapping.ToRow(record, batch, lineNumber, raw, truncated, lineRecord: r));
                    inputs.Add(new DetectionInput(0, source.Id, record));
                }
            }
            else
            {
                quarantined.Add(new QuarantinedLine
                {
                    TenantId = batch.TenantId,
                    LogSourceId = source.Id,
                    BatchId = batch.Id,
                    LineNumber = lineNumber,
                    ReceivedAt = batch.ReceivedAt,
                    Reason = Clip(outcome.Error ?? "No parser accepted the line", 500),
                    RawLine = QuarantineText.Visible(raw),
                    RawBytes = raw.Contains('\0', StringComparison.Ordinal) ? chunk.Content[range] : null,
                    Truncated = truncated,
                });
            }
            lineNumber++;
        }
        return new ParsedChunk(chunk.Sequence, rows, inputs, quarantined);
    }

    private async Task WriteChunkAsync(RawBatch batch, LogSource source, ParsedChunk parsed, Totals totals, bool detecting, TimeSpan lease,
        CancellationToken cancellationToken)
    {
        var (_, rows, _, quarantined) = parsed;
        // One retriable unit (SQL Server's strategy retries transient faults, and refuses a transaction begun outside
        // it). A retry starts from what the database holds: nothing of the failed attempt is kept in memory.
        var strategy = db.Database.CreateExecutionStrategy();
        var checkpoint = detecting && strategy.RetriesOnFailure ? owner.Checkpoint(batch.TenantId) : null;
        var attempts = 0;
        var outcome = await strategy.ExecuteAsync(async ct =>
        {
            if (attempts++ > 0)
            {
                db.ChangeTracker.Clear();
                foreach (var line in quarantined)
                {
                    line.Id = 0;
                }
                foreach (var stage in detectionStages)
                {
                    stage.Discard();
                }
                if (checkpoint is not null)
                {
                    owner.Rewind(batch.TenantId, checkpoint); // the engine saw the rolled-back events once already
                }
            }
            return await WriteChunkOnceAsync(batch, source, parsed, detecting, lease, ct);
        }, cancellationToken);
        if (outcome is { } written)
        {
            totals.Events += rows.Count;
            totals.Quarantined += quarantined.Count;
            totals.AlertsRaised += written.AlertsRaised;
            totals.AlertsUpdated += written.AlertsUpdated;
            if (detecting)
            {
                await owner.SaveIfDueAsync(batch.TenantId, cancellationToken);
            }
        }
    }

    /// <summary>One attempt at a chunk, in one transaction. Null: another worker wrote the chunk already.</summary>
    private async Task<DetectionOutcome?> WriteChunkOnceAsync(RawBatch batch, LogSource source, ParsedChunk parsed, bool detecting, TimeSpan lease,
        CancellationToken cancellationToken)
    {
        var (sequence, rows, inputs, quarantined) = parsed;
        var started = IngestionTimings.Now;
        // Stores of arriving lines go first (WriteTurns): receiving never waits behind a long batch.
        using var turn = await turns.ProcessAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The guard and the batch's counters in one statement: a chunk that another worker has written is skipped.
        var now = clock.GetUtcNow();
        var marked = await db.RawBatches.Where(b => b.Id == batch.Id && b.ChunksProcessed == sequence)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.ChunksProcessed, sequence + 1)
                .SetProperty(b => b.EventsWritten, b => b.EventsWritten + rows.Count)
                .SetProperty(b => b.LinesQuarantined, b => b.LinesQuarantined + quarantined.Count)
                .SetProperty(b => b.LeaseUntil, now + lease), cancellationToken);
        if (marked == 0)
        {
            return null; // another worker finished this chunk meanwhile: nothing to write twice
        }
        if (detecting)
        {
            // Commits only while this worker still owns the tenant's detection: two owners would split its windows.
            await owner.RenewAsync(batch.TenantId, lease, cancellationToken);
        }
        started = IngestionTimings.Add(IngestionPhase.Claim, started);
        var ids = await writer.InsertAsync(rows, cancellationToken);
        if (quarantined.Count > 0)
        {
            db.QuarantinedLines.AddRange(quarantined);
            await db.SaveChangesAsync(cancellationToken);
        }
        started = IngestionTimings.Add(IngestionPhase.InsertEvents, started);
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i] = inputs[i] with { EventId = ids[i] };
        }
        var raised = 0;
        var updated = 0;
        foreach (var stage in detectionStages)
        {
            var outcome = await stage.ProcessAsync(batch.TenantId, inputs, cancellationToken);
            raised += outcome.AlertsRaised;
            updated += outcome.AlertsUpdated;
        }
        started = IngestionTimings.Add(IngestionPhase.Detection, started);
        await db.LogSources.Where(s => s.Id == source.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ParsedCount, x => x.ParsedCount + rows.Count)
            .SetProperty(x => x.QuarantinedCount, x => x.QuarantinedCount + quarantined.Count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        IngestionTimings.Add(IngestionPhase.Commit, started);
        db.ChangeTracker.Clear();
        return new DetectionOutcome(raised, updated);
    }

    private static List<NormalizedEvent>? Envelope(string raw, LogSource source, ParseOptions parse)
    {
        if (!raw.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) || source.ExpectedFormat is not (LogFormat.Auto or LogFormat.Json))
        {
            return null;
        }
        var records = new List<NormalizedEvent>();
        foreach (var outcome in LogTextParser.ParseText(raw, LogFormat.Json, parse))
        {
            if (outcome.Event is not { } e)
            {
                return null; // all or nothing: a half-read envelope goes to quarantine whole
            }
            records.Add(e);
        }
        return records.Count > 0 ? records : null;
    }

    internal static IEnumerable<Range> LineRanges(byte[] content)
    {
        var start = 0;
        while (start < content.Length)
        {
            var newline = Array.IndexOf(content, (byte)'\n', start);
            var end = newline < 0 ? content.Length : newline;
            yield return new Range(start, end);
            start = end + 1;
        }
    }

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];

    private sealed record ParsedChunk(int Sequence, List<SecurityEvent> Rows, List<DetectionInput> Inputs, List<QuarantinedLine> Quarantined);

    private sealed class Totals
    {
        public int Events { get; set; }

        public int Quarantined { get; set; }

        public int AlertsRaised { get; set; }

        public int AlertsUpdated { get; set; }
    }
}
