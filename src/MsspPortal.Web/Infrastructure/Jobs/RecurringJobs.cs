using Hangfire;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Infrastructure.Jobs;

// The whole recurring schedule, in one place: stable ids (renaming one orphans the old entry) and explicit time
// zones.
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager manager)
    {
        manager.AddOrUpdate<SweepBatchesJob>(
            SweepBatchesJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            // Every 15 s (Hangfire takes six-part cron with seconds): with 30-s leases, a dead worker's batch resumes within a minute.
            "*/15 * * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        manager.AddOrUpdate<RescoreAlertsJob>(
            RescoreAlertsJob.RecurringJobId,
            job => job.EnqueuePerTenantAsync(CancellationToken.None),
            "*/15 * * * *",
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
