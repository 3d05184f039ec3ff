using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Infrastructure.Jobs;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Compliance.Frameworks.Checks;

/// <summary>
/// The monthly compliance check: hourly in UTC it finds, for each framework a tenant applies, the month just ended in
/// the tenant's zone (so the check runs early on the 1st, local time) without a frozen check, and checks it in the
/// tenant's own scope. Fan-out per tenant and framework; ids only; a rerun changes nothing (a frozen month stays).
/// </summary>
public sealed class ComplianceChecksJob(ISender sender, IBackgroundJobClient jobs, ITenantContext tenant)
{
    public const string RecurringJobId = "compliance:monthly-checks";

    public async Task<int> EnqueueDueAsync(CancellationToken cancellationToken)
    {
        tenant.SetScope([], seesAll: true);
        var due = await sender.Send(new ListDueComplianceChecks(), cancellationToken);
        foreach (var d in due)
        {
            jobs.Enqueue<ComplianceChecksJob>(job => job.RunForTenantAsync(d.TenantId, d.FrameworkId, d.Month.Year, d.Month.Month, CancellationToken.None));
        }
        return due.Count;
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task RunForTenantAsync(Guid tenantId, string frameworkId, int year, int month, CancellationToken cancellationToken)
    {
        tenant.Use(tenantId);
        await sender.Send(new RunComplianceCheck(tenantId, frameworkId, new DateOnly(year, month, 1)), cancellationToken);
    }
}

public sealed record ListDueComplianceChecks : IQuery<IReadOnlyList<DueComplianceCheck>>;

public sealed record DueComplianceCheck(Guid TenantId, string FrameworkId, DateOnly Month);

internal sealed class ListDueComplianceChecksHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock)
    : IQueryHandler<ListDueComplianceChecks, IReadOnlyList<DueComplianceCheck>>
{
    public async ValueTask<IReadOnlyList<DueComplianceCheck>> Handle(ListDueComplianceChecks query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var applied = await db.TenantFrameworks.AsNoTracking()
            .Join(db.Tenants.Where(t => t.IsActive), f => f.TenantId, t => t.Id, (f, t) => new { f.TenantId, f.FrameworkId, f.AppliesSince, t.TimeZone })
            .ToListAsync(cancellationToken);
        var due = new List<DueComplianceCheck>();
        foreach (var f in applied.Where(f => catalog.Find(f.FrameworkId) is not null))
        {
            var month = ComplianceCalendar.LastEndedMonth(now, ComplianceCalendar.Zone(f.TimeZone));
            if (month.AddMonths(1) > f.AppliesSince)
            {
                due.Add(new DueComplianceCheck(f.TenantId, f.FrameworkId, month));
            }
        }
        var months = due.Select(d => d.Month).Distinct().ToList();
        var frozen = (await db.ComplianceChecks.AsNoTracking().Where(c => months.Contains(c.Month)).Select(c => new { c.TenantId, c.FrameworkId, c.Month })
            .ToListAsync(cancellationToken)).Select(c => (c.TenantId, c.FrameworkId, c.Month)).ToHashSet();
        return [.. due.Where(d => !frozen.Contains((d.TenantId, d.FrameworkId, d.Month)))];
    }
}

internal sealed class ComplianceChecksSchedule : IRecurringJobSchedule
{
    public void Register(IRecurringJobManager manager) =>
        manager.AddOrUpdate<ComplianceChecksJob>(
            ComplianceChecksJob.RecurringJobId,
            job => job.EnqueueDueAsync(CancellationToken.None),
            // Hourly at :20 in UTC: the 1st begins in every zone within the hour after its local midnight.
            "20 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}
