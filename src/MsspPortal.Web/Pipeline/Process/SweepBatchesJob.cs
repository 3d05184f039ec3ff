using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// Finds batches that a crash left pending or half-done (lease expired) and enqueues them again, and removes stores
/// that stopped arriving before they were acknowledged. Our tables are the source of truth: this works even if
/// Hangfire's storage lost the original job.
/// </summary>
public sealed class SweepBatchesJob(PortalDbContext db, ITenantContext tenant, IBatchDispatcher queue, TimeProvider clock, ILogger<SweepBatchesJob> logger)
{
    public const string RecurringJobId = "ingestion:sweep";

    // A fresh pending batch is normally already queued; only older ones are swept.
    public static readonly TimeSpan PendingGrace = TimeSpan.FromMinutes(1);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pendingBefore = now - PendingGrace;
        // Platform-wide by nature: it sets no tenant scope itself, and each batch is processed in its own.
        tenant.SetScope([], seesAll: true);
        var stranded = await db.RawBatches.AsNoTracking()
            .Where(b => (b.State == BatchState.Pending && b.ReceivedAt < pendingBefore)
                || (b.State == BatchState.Processing && b.LeaseUntil < now))
            .OrderBy(b => b.Id)
            .Select(b => new { b.TenantId, b.Id })
            .Take(1000)
            .ToListAsync(cancellationToken);
        foreach (var batch in stranded)
        {
            queue.Enqueue(batch.TenantId, batch.Id);
        }
        // A store that stopped arriving was never acknowledged: its sender will send again. Chunks go with it (cascade).
        var abandoned = await db.RawBatches.Where(b => b.State == BatchState.Receiving && b.LeaseUntil < now).ExecuteDeleteAsync(cancellationToken);
        if (abandoned > 0)
        {
            logger.LogWarning("Removed {Count} batches abandoned while they were being received", abandoned);
        }
        return stranded.Count;
    }
}
