using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Jobs;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Retention;

// Deletes one tenant's data older than its retention, kind by kind, in short batches. Runs in the tenant's scope:
// every statement keeps the tenant filter (TenantBulkWriteGuard refuses one that would not).
public sealed record ApplyRetention(Guid TenantId) : ICommand<IReadOnlyList<RetentionResult>>;

public sealed record RetentionResult(RetentionKind Kind, DateTimeOffset Before, long Deleted);

// Retention:BatchSize: rows per statement. Each batch is its own short transaction, so the portal's writers wait at
// most one batch.
public sealed class RetentionOptions
{
    public int BatchSize { get; set; } = 2_000;
}

internal sealed class ApplyRetentionHandler(PortalDbContext db, TimeProvider clock, AuditLog audit, IOptions<RetentionOptions> options)
    : ICommandHandler<ApplyRetention, IReadOnlyList<RetentionResult>>
{
    public const string AuditAction = "retention.purged";

    private readonly int _batchSize = Math.Max(1, options.Value.BatchSize);

    public async ValueTask<IReadOnlyList<RetentionResult>> Handle(ApplyRetention command, CancellationToken cancellationToken)
    {
        var months = await db.RetentionPolicies.AsNoTracking().Where(p => p.TenantId == command.TenantId)
            .ToDictionaryAsync(p => p.Kind, p => p.Months, cancellationToken);
        var now = clock.GetUtcNow();
        var results = new List<RetentionResult>();
        foreach (var kind in RetentionKinds.All)
        {
            var before = now.AddMonths(-months.GetValueOrDefault(kind, RetentionKinds.DefaultMonths(kind)));
            var deleted = kind switch
            {
                RetentionKind.RawLogs => await RawLogsAsync(command.TenantId, before, cancellationToken),
                RetentionKind.SecurityEvents => await EventsAsync(command.TenantId, before, cancellationToken),
                RetentionKind.Alerts => await AlertsAsync(command.TenantId, before, cancellationToken),
                RetentionKind.AuditLog => await AuditLogAsync(command.TenantId, before, cancellationToken),
                _ => 0,
            };
            results.Add(new RetentionResult(kind, before, deleted));
            // Written after the deletions, at now: the audit log's own cutoff never takes the entry it is writing.
            audit.Record(command.TenantId, AuditAction, kind.ToString(), RetentionAudit.Format(deleted, before));
        }
        await db.SaveChangesAsync(cancellationToken);
        return results;
    }

    // Keyset batches: the highest id among the first Retention:BatchSize eligible rows, then one DELETE of the eligible rows up
    // to it (a single scalar parameter on both providers, unlike a list of ids). Rows are eligible by a rule that the
    // deletion itself does not change, so each pass takes exactly the batch it measured.
    private async Task<long> InBatchesAsync<T>(Func<IQueryable<T>> eligible, Func<long, Task<int>> deleteUpTo, CancellationToken cancellationToken)
        where T : class
    {
        long total = 0;
        var strategy = db.Database.CreateExecutionStrategy();
        while (true)
        {
            var upTo = await eligible().Select(e => EF.Property<long>(e, "Id")).OrderBy(id => id).Take(_batchSize)
                .MaxAsync(id => (long?)id, cancellationToken);
            if (upTo is not { } last)
            {
                return total;
            }
            total += await strategy.ExecuteAsync(async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var n = await deleteUpTo(last);
                await transaction.CommitAsync(ct);
                return n;
            }, cancellationToken);
        }
    }

    // Finished batches only (a batch still arriving or being processed is the pipeline's), quarantined lines and
    // chunks first (the quarantine refers to its batch; chunks would cascade, they are deleted explicitly anyway).
    private Task<long> RawLogsAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        IQueryable<RawBatch> Eligible() => db.RawBatches.Where(b => b.TenantId == tenantId && b.ReceivedAt < before
            && (b.State == BatchState.Done || b.State == BatchState.Duplicate || b.State == BatchState.Failed));
        return InBatchesAsync(Eligible, async last =>
        {
            var batch = Eligible().Where(b => b.Id <= last).Select(b => b.Id);
            await db.QuarantinedLines.Where(q => batch.Contains(q.BatchId)).ExecuteDeleteAsync(cancellationToken);
            await db.RawBatchChunks.Where(c => batch.Contains(c.BatchId)).ExecuteDeleteAsync(cancellationToken);
            return await Eligible().Where(b => b.Id <= last).ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);
    }

    // By the event's own time, on the index the event search uses. Events have no foreign keys: an alert keeps its
    // title, entities and history after its events are gone (alerts are kept longer by default).
    private Task<long> EventsAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        IQueryable<SecurityEvent> Eligible() => db.SecurityEvents.Where(e => e.TenantId == tenantId && e.Timestamp < before);
        return InBatchesAsync(Eligible, last => Eligible().Where(e => e.Id <= last).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    // Resolved alerts only, and never one an incident or an emergency activation refers to (they are kept for the
    // contract's life, with the alerts they stand on: an incident never loses an alert under it, open or closed).
    // An alert others were merged into waits until they are gone. Children first: history, event links,
    // contributions (either side), comments.
    private Task<long> AlertsAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        IQueryable<Alert> Eligible() => db.Alerts.Where(a => a.TenantId == tenantId && a.DetectedAt < before && a.Status == AlertStatus.Resolved
            && a.IncidentId == null
            && !db.EmergencyActivations.Any(x => x.AlertId == a.Id)
            && !db.Alerts.Any(m => m.MergedIntoId == a.Id));
        return InBatchesAsync(Eligible, async last =>
        {
            var batch = Eligible().Where(a => a.Id <= last).Select(a => a.Id);
            await db.AlertHistory.Where(h => batch.Contains(h.AlertId)).ExecuteDeleteAsync(cancellationToken);
            await db.AlertEvents.Where(e => batch.Contains(e.AlertId)).ExecuteDeleteAsync(cancellationToken);
            await db.AlertContributions.Where(c => batch.Contains(c.AlertId) || batch.Contains(c.ContributorId)).ExecuteDeleteAsync(cancellationToken);
            await db.Comments.Where(c => c.AlertId != null && batch.Contains(c.AlertId.Value)).ExecuteDeleteAsync(cancellationToken);
            return await Eligible().Where(a => a.Id <= last).ExecuteDeleteAsync(cancellationToken);
        }, cancellationToken);
    }

    private Task<long> AuditLogAsync(Guid tenantId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        IQueryable<AuditEntry> Eligible() => db.AuditEntries.Where(a => a.TenantId == tenantId && a.At < before);
        return InBatchesAsync(Eligible, last => Eligible().Where(a => a.Id <= last).ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }
}

// The active tenants, platform-wide: the job's fan-out.
public sealed record ListRetentionTenants : IQuery<IReadOnlyList<Guid>>;

internal sealed class ListRetentionTenantsHandler(PortalDbContext db) : IQueryHandler<ListRetentionTenants, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ListRetentionTenants query, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(cancellationToken);
}

/// <summary>The nightly retention job: fan-out per tenant; ids only; a rerun deletes nothing more (what was older is gone).</summary>
public sealed class RetentionJob(ISender sender, IBackgroundJobClient jobs, ITenantContext tenant)
{
    public const string RecurringJobId = "retention:nightly";

    public async Task<int> EnqueuePerTenantAsync(CancellationToken cancellationToken)
    {
        tenant.SetScope([], seesAll: true);
        var tenants = await sender.Send(new ListRetentionTenants(), cancellationToken);
        foreach (var tenantId in tenants)
        {
            jobs.Enqueue<RetentionJob>(job => job.RunForTenantAsync(tenantId, CancellationToken.None));
        }
        return tenants.Count;
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RunForTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        tenant.Use(tenantId);
        await sender.Send(new ApplyRetention(tenantId), cancellationToken);
    }
}

internal sealed class RetentionSchedule : IRecurringJobSchedule
{
    public void Register(IRecurringJobManager manager) =>
        manager.AddOrUpdate<RetentionJob>(
            RetentionJob.RecurringJobId,
            job => job.EnqueuePerTenantAsync(CancellationToken.None),
            // 02:30 UTC every night: after the value reports' hourly dispatcher at :05, outside most tenants' business hours.
            "30 2 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}

public static class RetentionServices
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddSingleton<IRecurringJobSchedule, RetentionSchedule>();
        services.AddOptions<RetentionOptions>().BindConfiguration("Retention");
        return services;
    }
}
