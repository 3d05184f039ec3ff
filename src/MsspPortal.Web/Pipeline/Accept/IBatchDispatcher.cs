namespace MsspPortal.Web.Pipeline;

/// <summary>Where a stored batch goes to be processed: Hangfire in the portal, inline in the CLI.</summary>
public interface IBatchDispatcher
{
    void Enqueue(Guid tenantId, long batchId);
}
