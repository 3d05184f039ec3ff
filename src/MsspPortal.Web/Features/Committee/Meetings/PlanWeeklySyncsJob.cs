using Hangfire;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Infrastructure.Jobs;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Committee.Meetings;

/// <summary>
/// The weekly syncs' planner: daily, one job per active tenant whose committee meets weekly, each planning the next
/// four weeks in its tenant's scope. Ids only; a rerun plans nothing new (<see cref="PlanWeeklySyncs"/>).
/// </summary>
public sealed class PlanWeeklySyncsJob(ISender sender, IBackgroundJobClient jobs, ITenantContext tenant)
{
    public const string RecurringJobId = "committee:weekly-syncs";

    public async Task<int> EnqueuePerTenantAsync(CancellationToken cancellationToken)
    {
        // Finding the committees is platform-wide; each plan runs in its tenant's own scope.
        tenant.SetScope([], seesAll: true);
        var tenants = await sender.Send(new ListWeeklyCommittees(), cancellationToken);
        foreach (var tenantId in tenants)
        {
            jobs.Enqueue<PlanWeeklySyncsJob>(job => job.PlanForTenantAsync(tenantId, CancellationToken.None));
        }
        return tenants.Count;
    }

    [AutomaticRetry(Attempts = 3)]
    public async Task PlanForTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        tenant.Use(tenantId);
        await sender.Send(new PlanWeeklySyncs(tenantId), cancellationToken);
    }
}

// The active tenants whose committee has a weekly rhythm.
public sealed record ListWeeklyCommittees : IQuery<IReadOnlyList<Guid>>;

internal sealed class ListWeeklyCommitteesHandler(PortalDbContext db) : IQueryHandler<ListWeeklyCommittees, IReadOnlyList<Guid>>
{
    public async ValueTask<IReadOnlyList<Guid>> Handle(ListWeeklyCommittees query, CancellationToken cancellationToken) =>
        await db.Committees.AsNoTracking().Where(c => c.SyncDay != null && db.Tenants.Any(t => t.Id == c.TenantId && t.IsActive))
            .Select(c => c.TenantId).Distinct().ToListAsync(cancellationToken);
}

// Its place in the schedule (Infrastructure/Jobs/RecurringJobs lists every schedule it is given).
internal sealed class WeeklySyncsSchedule : IRecurringJobSchedule
{
    public void Register(IRecurringJobManager manager) =>
        manager.AddOrUpdate<PlanWeeklySyncsJob>(
            PlanWeeklySyncsJob.RecurringJobId,
            job => job.EnqueuePerTenantAsync(CancellationToken.None),
            // Daily at 00:30 UTC: the plan looks four weeks ahead in each tenant's own zone, so the hour is not critical;
            // the daily run also refreshes the agendas of the coming week's syncs.
            "30 0 * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
}

public static class MeetingsServices
{
    public static IServiceCollection AddCommitteeMeetings(this IServiceCollection services)
    {
        services.AddSingleton<IRecurringJobSchedule, WeeklySyncsSchedule>();
        return services;
    }
}
