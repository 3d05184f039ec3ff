using Hangfire;

namespace MsspPortal.Web.Pipeline;

internal sealed class HangfireBatchDispatcher(IBackgroundJobClient jobs) : IBatchDispatcher
{
    public void Enqueue(Guid tenantId, long batchId) =>
        jobs.Enqueue<ProcessBatchJob>(job => job.RunAsync(tenantId, batchId, CancellationToken.None));
}
