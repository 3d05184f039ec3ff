using Hangfire;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// The one way in: every channel (HTTP API, syslog spool, upload, CLI) hands its content here. The batch is stored
/// durably (<see cref="BatchWriter"/>) and only then queued for processing, unless it repeats a batch already stored
/// from the same source, which is kept and marked but not processed twice.
/// </summary>
[PipelineEntryPoint]
public sealed class AcceptBatch(BatchWriter writer, IBatchDispatcher dispatcher)
{
    public async Task<StoredBatch> AcceptAsync(Guid tenantId, long logSourceId, IngestChannel channel, Stream content,
        IProgress<long>? bytesRead, CancellationToken cancellationToken)
    {
        var stored = await writer.StoreAsync(tenantId, logSourceId, channel, content, bytesRead, cancellationToken);
        if (!stored.Duplicate)
        {
            dispatcher.Enqueue(stored.TenantId, stored.BatchId);
        }
        return stored;
    }
}

/// <summary>Where a stored batch goes to be processed: Hangfire in the portal, inline in the CLI.</summary>
public interface IBatchDispatcher
{
    void Enqueue(Guid tenantId, long batchId);
}

internal sealed class HangfireBatchDispatcher(IBackgroundJobClient jobs) : IBatchDispatcher
{
    public void Enqueue(Guid tenantId, long batchId) =>
        jobs.Enqueue<ProcessBatchJob>(job => job.RunAsync(tenantId, batchId, CancellationToken.None));
}
