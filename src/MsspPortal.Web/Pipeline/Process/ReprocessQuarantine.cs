using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// After a parser fix: parses a source's quarantined lines again, through the same <see cref="ChunkWriter"/> as a
/// batch; those that now parse become events (and go through detection) and are marked released; the rest stay with
/// their new reason. Nothing is deleted.
/// </summary>
[PipelineEntryPoint]
public sealed record ReprocessQuarantine(long LogSourceId) : ICommand<ReprocessResult?>;

// Busy: another worker runs the tenant's detection right now; nothing was done, try again shortly.
public sealed record ReprocessResult(int Released, int StillQuarantined, bool Busy = false);

internal sealed class ReprocessQuarantineHandler(
    PortalDbContext db, TimeProvider clock, IOptions<IngestionOptions> options, ChunkWriter chunks, DetectionOwner owner)
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
        var detecting = chunks.Detecting;
        var lease = options.Value.ProcessingLease;
        if (detecting && !await owner.TryAcquireAsync(source.TenantId, lease, cancellationToken))
        {
            return new ReprocessResult(0, await db.QuarantinedLines.CountAsync(q => q.LogSourceId == source.Id && q.ReleasedAt == null, cancellationToken), Busy: true);
        }
        var finished = false;
        try
        {
            // A retry reads the lines again from the database.
            var result = await chunks.RetriableAsync(source.TenantId, ct => ReprocessOnceAsync(source, timeZone, detecting, lease, ct), null, cancellationToken);
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
        var parsed = new ParsedLines();
        var now = clock.GetUtcNow();
        var limit = options.Value.LineLimitFor(source.ExpectedFormat);
        foreach (var line in lines)
        {
            // The bytes as received when the text had to stand in for a NUL: the parser sees what the device sent.
            var text = line.RawBytes is { } bytes ? LogLineDecoder.Decode(bytes, limit, out _) : line.RawLine;
            var origin = new LineOrigin(line.TenantId, source.Id, line.BatchId, line.ReceivedAt, line.LineNumber);
            var outcome = ChunkWriter.ParseLine(text, line.Truncated, origin, source.ExpectedFormat,
                new ParseOptions(timeZone, line.ReceivedAt, MaxLineLength: limit), new NormalizedEvent(), parsed);
            if (outcome.Parsed)
            {
                line.Release(now);
                parsed.Released++;
            }
            else
            {
                if (outcome.Error is { } error)
                {
                    line.StillRefused(ChunkWriter.ClipReason(error));
                }
            }
        }
        await chunks.WriteAsync(source.TenantId, source.Id, parsed, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (detecting)
        {
            owner.ChunkCommitted(source.TenantId);
        }
        db.ChangeTracker.Clear();
        return new ReprocessResult(parsed.Released, lines.Count - parsed.Released);
    }
}
