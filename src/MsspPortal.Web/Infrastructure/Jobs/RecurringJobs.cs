using Hangfire;
using MsspPortal.Web.Features.Ingestion;

namespace MsspPortal.Web.Infrastructure.Jobs;

/// <summary>The whole recurring schedule, in one place, with stable ids and explicit time zones.</summary>
public static class RecurringJobs
{
    public static void Register(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<SweepBatchesJob>(SweepBatchesJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }
}
