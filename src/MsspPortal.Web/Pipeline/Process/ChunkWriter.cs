using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// One unit of work's lines, parsed: a stored chunk of a batch, or a run of quarantined lines.
internal sealed class ParsedLines(int capacity = 0)
{
    public List<SecurityEvent> Rows { get; } = new(capacity);

    public List<DetectionInput> Inputs { get; } = new(capacity);

    // New quarantine rows: lines of a batch that no parser accepted.
    public List<QuarantinedLine> Quarantined { get; } = [];

    // Quarantined lines that parse now (reprocessing): they leave the source's quarantine count.
    public int Released { get; set; }
}

// Parsed: the line became events. UsedTarget: the recycled event holds one of them. Truncated: cut on receipt or by
// the parser.
internal readonly record struct LineParse(bool Parsed, bool UsedTarget, string? Error, bool Truncated);

// The one path from lines to stored events and alerts, for batch processing and quarantine reprocessing alike:
// parse (a JSON envelope becomes one event per record) → map to rows → write events and quarantine → detect → the
// source's counters. The callers own what differs: which lines, their transaction and its guard.
internal sealed class ChunkWriter(PortalDbContext db, EventWriter events, IEnumerable<IDetectionStage> stages, DetectionOwner owner)
{
    public bool Detecting { get; } = stages.Any();

    // Parses one line into into: its event (in target, a recycled instance), or one event per record when the line
    // is a JSON envelope (a CloudTrail "Records" object), all with the line's number. Pure code: batches run it on
    // the thread pool while the previous chunk is written.
    public static LineParse ParseLine(string raw, bool truncated, LineOrigin origin, LogFormat format, ParseOptions parse,
        NormalizedEvent target, ParsedLines into)
    {
        var outcome = LogLineParser.Parse(raw, format, parse, target);
        truncated |= outcome.Truncated;
        if (outcome.Event is { } normalized)
        {
            into.Rows.Add(EventMapping.ToRow(normalized, origin, raw, truncated));
            into.Inputs.Add(new DetectionInput(0, origin.LogSourceId, normalized));
            return new LineParse(true, true, null, truncated);
        }
        if (Envelope(raw, format, parse) is { } records)
        {
            for (var r = 0; r < records.Count; r++)
            {
                into.Rows.Add(EventMapping.ToRow(records[r], origin, raw, truncated, lineRecord: r));
                into.Inputs.Add(new DetectionInput(0, origin.LogSourceId, records[r]));
            }
            return new LineParse(true, false, null, truncated);
        }
        return new LineParse(false, false, outcome.Error, truncated);
    }

    // A line no parser accepted, kept as received with the reason.
    public static QuarantinedLine Quarantine(LineOrigin origin, string raw, ReadOnlySpan<byte> received, bool truncated, string? error) =>
        QuarantinedLine.Hold(origin.TenantId, origin.LogSourceId, origin.BatchId, origin.LineNumber, origin.ReceivedAt,
            ClipReason(error ?? "No parser accepted the line"), raw, received, truncated);

    public static string ClipReason(string reason) => reason.Length <= 500 ? reason : reason[..500];

    // Runs attempt as one retriable unit (SQL Server's strategy retries transient faults, and refuses a transaction
    // begun outside it). A retry starts from what the database holds: nothing of the failed attempt is kept in
    // memory, and the tenant's detection windows go back to where they were (the engine saw those events once).
    public Task<T> RetriableAsync<T>(Guid tenantId, Func<CancellationToken, Task<T>> attempt, Action? beforeRetry, CancellationToken cancellationToken) =>
        RetriableAsync(tenantId, (IReadOnlyList<DetectionInput>?)null, (_, ct) => attempt(ct), beforeRetry, cancellationToken);

    // The same, with the rules started over evaluateFirst before the attempt begins (BeginAsync).
    public async Task<T> RetriableAsync<T>(Guid tenantId, IReadOnlyList<DetectionInput>? evaluateFirst,
        Func<StartedEvaluations?, CancellationToken, Task<T>> attempt, Action? beforeRetry, CancellationToken cancellationToken) =>
        await RetriableAsync(tenantId, await BeginAsync(tenantId, evaluateFirst, cancellationToken), attempt, beforeRetry, cancellationToken);

    // What a unit of work's detection needs before its attempt: the windows' checkpoint (when the strategy may run the
    // attempt twice), then the rules started over evaluateFirst. They run on the pool while the attempt waits for its
    // write turn and claims the chunk (a pool thread is free while it awaits), instead of queueing behind the next
    // chunk's parse once the insert has begun (the insert then waited for them, 0.3-0.5 s per 1M events). A retry
    // evaluates again inside its own attempt, after the windows were rewound.
    public async Task<BegunUnit> BeginAsync(Guid tenantId, IReadOnlyList<DetectionInput>? evaluateFirst, CancellationToken cancellationToken)
    {
        var checkpoint = Detecting && db.Database.CreateExecutionStrategy().RetriesOnFailure ? owner.Checkpoint(tenantId) : null;
        StartedEvaluations? early = null;
        if (Detecting && evaluateFirst is not null)
        {
            var started = IngestionTimings.Now;
            early = new StartedEvaluations(await StartEvaluationsAsync(tenantId, evaluateFirst, cancellationToken));
            IngestionTimings.Add(IngestionPhase.Detection, started);
        }
        return new BegunUnit(checkpoint, early);
    }

    // Runs attempt as RetriableAsync above, for a unit begun with BeginAsync (and nothing else fed the engine since).
    public async Task<T> RetriableAsync<T>(Guid tenantId, BegunUnit begun, Func<StartedEvaluations?, CancellationToken, Task<T>> attempt,
        Action? beforeRetry, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        var checkpoint = begun.Checkpoint;
        var early = begun.Early;
        var attempts = 0;
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                if (attempts++ > 0)
                {
                    if (early is not null)
                    {
                        await early.SettledAsync(); // the windows must be still before they are rewound
                        early = null;
                    }
                    db.ChangeTracker.Clear();
                    beforeRetry?.Invoke();
                    foreach (var stage in stages)
                    {
                        stage.Discard();
                    }
                    if (checkpoint is not null)
                    {
                        owner.Rewind(tenantId, checkpoint);
                    }
                }
                return await attempt(early, ct);
            }, cancellationToken);
        }
        finally
        {
            if (early is not null)
            {
                // An attempt that failed before it used them: the engine is left alone before anyone forgets its windows.
                await early.SettledAsync();
            }
        }
    }

    // The rules over events before they have ids (database-free), on the pool; null for a stage with nothing to run.
    private async Task<List<Task<EvaluatedEvents>?>> StartEvaluationsAsync(Guid tenantId, IReadOnlyList<DetectionInput> inputs,
        CancellationToken cancellationToken)
    {
        var evaluations = new List<Task<EvaluatedEvents>?>();
        foreach (var stage in stages)
        {
            var evaluate = await stage.PrepareAsync(tenantId, inputs, cancellationToken);
            evaluations.Add(evaluate is null ? null : Task.Run(evaluate, CancellationToken.None));
        }
        return evaluations;
    }

    // Writes parsed lines inside the caller's transaction: events, quarantine changes (new rows, and tracked lines
    // the caller released or re-reasoned), detection over the new events, and the source's counters.
    // early: the evaluations RetriableAsync started over these events, if it did.
    public async Task<DetectionOutcome> WriteAsync(Guid tenantId, long logSourceId, ParsedLines parsed, CancellationToken cancellationToken,
        StartedEvaluations? early = null)
    {
        var inputs = parsed.Inputs;
        // The rules run over the events on another core while this thread inserts them: evaluating needs the events,
        // not their ids (those are for the alerts' links, which wait for the insert).
        var started = IngestionTimings.Now;
        var evaluations = early?.Tasks ?? await StartEvaluationsAsync(tenantId, inputs, cancellationToken);
        started = IngestionTimings.Add(IngestionPhase.Detection, started);
        long[] ids;
        try
        {
            ids = await events.InsertAsync(parsed.Rows, cancellationToken);
            db.QuarantinedLines.AddRange(parsed.Quarantined);
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch
        {
            // A failed insert must not leave the engine running beside the retry, which may rewind its windows.
            await (early ?? new StartedEvaluations(evaluations)).SettledAsync();
            throw;
        }
        started = IngestionTimings.Add(IngestionPhase.InsertEvents, started);
        var evaluated = new EvaluatedEvents?[evaluations.Count];
        for (var i = 0; i < evaluations.Count; i++)
        {
            evaluated[i] = evaluations[i] is { } evaluation ? await evaluation : null;
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i] = inputs[i] with { EventId = ids[i] };
        }
        var raised = 0;
        var updated = 0;
        var next = 0;
        foreach (var stage in stages)
        {
            var outcome = await stage.ProcessAsync(tenantId, inputs, evaluated[next++], cancellationToken);
            raised += outcome.AlertsRaised;
            updated += outcome.AlertsUpdated;
        }
        started = IngestionTimings.Add(IngestionPhase.Detection, started);
        var quarantined = parsed.Quarantined.Count - parsed.Released;
        await db.LogSources.Where(s => s.Id == logSourceId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ParsedCount, x => x.ParsedCount + parsed.Rows.Count)
            .SetProperty(x => x.QuarantinedCount, x => x.QuarantinedCount + quarantined), cancellationToken);
        IngestionTimings.Add(IngestionPhase.Commit, started); // the caller adds its commit to the same phase
        return new DetectionOutcome(raised, updated);
    }

    private static List<NormalizedEvent>? Envelope(string raw, LogFormat format, ParseOptions parse)
    {
        if (!raw.AsSpan().TrimStart().StartsWith("{", StringComparison.Ordinal) || format is not (LogFormat.Auto or LogFormat.Json))
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
}

// A unit of work's detection begun before its attempt (ChunkWriter.BeginAsync).
internal sealed class BegunUnit(EngineSnapshot? checkpoint, StartedEvaluations? early)
{
    public EngineSnapshot? Checkpoint { get; } = checkpoint;

    public StartedEvaluations? Early { get; } = early;

    // Done, whether they succeeded or not; at once when no rules were started.
    public Task SettledAsync() => Early?.SettledAsync() ?? Task.CompletedTask;
}

// The rules' evaluations of one unit of work's events, one per detection stage (null: the stage runs none).
internal sealed class StartedEvaluations(List<Task<EvaluatedEvents>?> tasks)
{
    public List<Task<EvaluatedEvents>?> Tasks { get; } = tasks;

    // Done, whether they succeeded or not (a failure is the attempt's to report, not this wait's).
    public Task SettledAsync() => Task.WhenAll(Tasks.OfType<Task<EvaluatedEvents>>()).ContinueWith(static _ => { }, CancellationToken.None,
        TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
