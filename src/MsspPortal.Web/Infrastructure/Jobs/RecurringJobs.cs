using Hangfire;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Infrastructure.Jobs;

// The whole recurring schedule, in one place: stable ids (renaming one orphans the old entry) and explicit time
// zones. A feature's job is added through its IRecurringJobSchedule (this layer imports no feature), registered by
// the feature's AddXxx; the list of them is here at start-up.
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager manager, IEnumerable<IRecurringJobSchedule>? features = null)
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
        foreach (var schedule in features ?? [])
        {
            schedule.Register(manager);
        }
    }
}

/// <summary>A feature's recurring job: registered in DI by the feature, added to the schedule by <see cref="RecurringJobs"/>.</summary>
public interface IRecurringJobSchedule
{
    void Register(IRecurringJobManager manager);
}
