using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Jobs;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Reports;

/// <summary>
/// The monthly reports' dispatcher. A recurring job has one time zone, the tenants have many: so it runs hourly in
/// UTC and builds, for each active tenant whose local time has passed 02:00 on the 1st, the draft of the month just
/// ended if there is no report of that month yet. Fan-out per tenant; ids only; a rerun changes nothing.
/// </summary>
public sealed class BuildValueReportsJob(ISender sender, IBackgroundJobClient jobs, ITenantContext tenant)
{
    public const string RecurringJobId = "value:monthly-reports";

    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        // Finding who is due is platform-wide; each build runs in its tenant's own scope.
        tenant.SetScope([], seesAll: true);
        var due = await sender.Send(new ListDueValueReports(), cancellationToken);
        foreach (var (tenantId, month) in due)
        {
            jobs.Enqueue<BuildValueReportsJob>(job => job.BuildForTenantAsync(tenantId, month.Year, month.Month, CancellationToken.None));
        }
        return due.Count;
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task BuildForTenantAsync(Guid tenantId, int year, int month, CancellationToken cancellationToken)
    {
        tenant.Use(tenantId);
        await sender.Send(new BuildValueReport(tenantId, new DateOnly(year, month, 1)), cancellationToken);
    }
}

// The (tenant, month) pairs whose report is due and not built: the month just ended in the tenant's zone, once it is
// 02:00 there on the 1st. A month that ended before the tenant joined has nothing to report.
public sealed record ListDueValueReports : IQuery<IReadOnlyList<DueValueReport>>;

public sealed record DueValueReport(Guid TenantId, DateOnly Month);

internal sealed class ListDueValueReportsHandler(PortalDbContext db, TimeProvider clock)
    : IQueryHandler<ListDueValueReports, IReadOnlyList<DueValueReport>>
{
    public async ValueTask<IReadOnlyList<DueValueReport>> Handle(ListDueValueReports query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenants = await db.Tenants.AsNoTracking().Where(t => t.IsActive).Select(t => new { t.Id, t.TimeZone, t.CreatedAt }).ToListAsync(cancellationToken);
        var candidates = new List<DueValueReport>();
        foreach (var t in tenants)
        {
            var zone = ReportCalendar.Zone(t.TimeZone);
            // Before 02:00 on the 1st the month just ended is not due yet; the one before it was due a month ago.
            var month = ReportCalendar.LastEndedMonth(now, zone);
            if (now < ReportCalendar.DueAt(month, zone))
            {
                month = month.AddMonths(-1);
            }
            if (ReportCalendar.EndsAt(month, zone) > t.CreatedAt)
            {
                candidates.Add(new DueValueReport(t.Id, month));
            }
        }
        var ids = candidates.Select(c => c.TenantId).ToList();
        var months = candidates.Select(c => c.Month).Distinct().ToList();
        var built = (await db.ValueReports.AsNoTracking().Where(r => ids.Contains(r.TenantId) && months.Contains(r.Month))
            .Select(r => new { r.TenantId, r.Month }).ToListAsync(cancellationToken)).Select(r => (r.TenantId, r.Month)).ToHashSet();
        return [.. candidates.Where(c => !built.Contains((c.TenantId, c.Month)))];
    }
}

// Its place in the schedule (Infrastructure/Jobs/RecurringJobs lists every schedule it is given).
internal sealed class ValueReportsSchedule : IRecurringJobSchedule
{
    public void Register(IRecurringJobManager manager) =>
        manager.AddOrUpdate<BuildValueReportsJob>(
            BuildValueReportsJob.RecurringJobId,
            job => job.EnqueueDueAsync(CancellationToken.None),
            // Hourly at :05 in UTC: every zone's 02:00 (whole, half and quarter hours) is caught within the hour.
            "5 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
