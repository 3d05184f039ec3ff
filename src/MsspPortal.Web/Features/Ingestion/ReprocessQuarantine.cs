using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Parsing;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;
namespace MsspPortal.Web.Features.Ingestion;

public sealed record ListQuarantine(long LogSourceId) : IQuery<QuarantineViewModel?>;

public sealed record QuarantineViewModel(long LogSourceId, string Source, string Tenant, int Pending, IReadOnlyList<QuarantineRow> Lines);

internal sealed class ListQuarantineHandler(PortalDbContext db) : IQueryHandler<ListQuarantine, QuarantineViewModel?>
{
    public async ValueTask<QuarantineViewModel?> Handle(ListQuarantine query, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.AsNoTracking().Where(s => s.Id == query.LogSourceId)
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s.Id, s.Name, Tenant = t.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }
        var pending = await db.QuarantinedLines.CountAsync(q => q.LogSourceId == source.Id && q.ReleasedAt == null, cancellationToken);
        var lines = await db.QuarantinedLines.AsNoTracking().Where(q => q.LogSourceId == source.Id)
            .OrderByDescending(q => q.Id).Take(200)
            .Select(q => new QuarantineRow(q.Id, q.BatchId, q.LineNumber, q.ReceivedAt, q.Reason, q.RawLine, q.Truncated, q.ReleasedAt))
            .ToListAsync(cancellationToken);
        return new QuarantineViewModel(source.Id, source.Name, source.Tenant, pending, lines);
    }
}

/// <summary>
/// After a parser fix: parses a source's quarantined lines again; those that now parse become events (and go
/// through detection) and are marked released; the rest stay with their new reason. Nothing is deleted.
/// </summary>
public sealed record ReprocessQuarantine(long LogSourceId) : ICommand<ReprocessResult?>;

/// <summary>Busy: another worker runs the tenant's detection right now; nothing was done, try again shortly.</summary>
public sealed record ReprocessResult(int Released, int StillQuarantined, bool Busy = false);

internal sealed class ReprocessQuarantineHandler(
    PortalDbContext db, TimeProvider clock, IOptions<IngestionOptions> options, EventWriter writer, IEnumerable<IDetectionStage> stages,
    DetectionOwner owner)
    : ICommandHandler<ReprocessQuarantine, ReprocessResult?>
{
    private const int MaxLinesPerRun = 5000;

    public async ValueTask<ReprocessResult?> Handle(ReprocessQuarantine command, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == command.LogSourceId, cancellationToken);
        if (source is null)
        {
            return null;
        }
        var zone = await db.Tenants.Where(t => t.Id == source.TenantId).Select(t => t.TimeZone).FirstAsync(cancellationToken);
        var timeZone = IngestionOptions.ZoneFor(source.TimeZone, zone);
        // The windows this feeds belong to one worker at a time (as for batches); busy: try again shortly.
        var detecting = stages.Any();
        var lease = options.Value.ProcessingLease;
        if (detecting && !await owner.TryAcquireAsync(source.TenantId, lease, cancellationToken))
        {
            return new ReprocessResult(0, await db.QuarantinedLines.CountAsync(q => q.LogSourceId == source.Id && q.ReleasedAt == null, cancellationToken), Busy: true);
        }
        var finished = false;
        try
        {
            // One retriable unit: a retry reads the lines again from the database and starts from the saved windows.
            var strategy = db.Database.CreateExecutionStrategy();
            var checkpoint = detecting && strategy.RetriesOnFailure ? owner.Checkpoint(source.TenantId) : null;
            var attempts = 0;
            var result = await strategy.ExecuteAsync(async ct =>
            {
                if (attempts++ > 0)
                {
                    db.ChangeTracker.Clear();
                    foreach (var stage in stages)
                    {
                        stage.Discard();
                    }
                    if (checkpoint is not null)
                    {
                        owner.Rewind(source.TenantId, checkpoint);
                    }
                }
                return await ReprocessOnceAsync(source, timeZone, detecting, lease, ct);
            }, cancellationToken);
            finished = true;
            if (detecting)
            {
                await owner.ReleaseAsync(source.TenantId);
            }
            return result;
        }
        finally
        {
            if (detecting && !finished)
            {
                await owner.AbandonAsync(source.TenantId);
            }
        }
    }

    private async Task<ReprocessResult> ReprocessOnceAsync(LogSource source, TimeZoneInfo timeZone, bool detecting, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (detecting)
        {
            await owner.RenewAsync(source.TenantId, lease, cancellationToken);
        }
        var lines = await db.QuarantinedLines.Where(q => q.LogSourceId == source.Id && q.ReleasedAt == null)
            .OrderBy(q => q.Id).Take(MaxLinesPerRun).ToListAsync(cancellationToken);
        var rows = new List<SecurityEvent>();
        var inputs = new List<DetectionInput>();
        var now = clock.GetUtcNow();
        foreach (var line in lines)
        {
            var limit = options.Value.LineLimitFor(source.ExpectedFormat);
            // The bytes as received when the text had to stand in for a NUL: the parser sees what the device sent.
            var text = line.RawBytes is { } bytes ? LogLineDecoder.Decode(bytes, limit, out _) : line.RawLine;
            var outcome = LogLineParser.Parse(text, source.ExpectedFormat, new ParseOptions(timeZone, line.ReceivedAt, MaxLineLength: limit));
            if (outcome.Event is { } normalized)
            {
                var batch = RawBatch.StandIn(line.BatchId, line.TenantId, source.Id, line.ReceivedAt);
                rows.Add(EventMapping.ToRow(normalized, batch, line.LineNumber, text, line.Truncated || outcome.Truncated));
                inputs.Add(new DetectionInput(0, source.Id, normalized));
                line.ReleasedAt = now;
            }
            else
            {
                line.Reason = outcome.Error is { Length: > 500 } long_ ? long_[..500] : outcome.Error ?? line.Reason;
            }
        }
        var ids = await writer.InsertAsync(rows, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i] = inputs[i] with { EventId = ids[i] };
        }
        foreach (var stage in stages)
        {
            await stage.ProcessAsync(source.TenantId, inputs, cancellationToken);
        }
        await db.LogSources.Where(s => s.Id == source.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ParsedCount, x => x.ParsedCount + rows.Count)
            .SetProperty(x => x.QuarantinedCount, x => x.QuarantinedCount - rows.Count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return new ReprocessResult(rows.Count, lines.Count - rows.Count);
    }
}
