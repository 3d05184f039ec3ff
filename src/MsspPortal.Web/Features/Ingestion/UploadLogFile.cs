using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;
namespace MsspPortal.Web.Features.Ingestion;

/// <summary>The sources an analyst may upload to: those of the tenants in scope.</summary>
public sealed record ListUploadTargets : IQuery<IReadOnlyList<UploadTarget>>;

public sealed record UploadTarget(long LogSourceId, Guid TenantId, string Label);

internal sealed class ListUploadTargetsHandler(PortalDbContext db) : IQueryHandler<ListUploadTargets, IReadOnlyList<UploadTarget>>
{
    public async ValueTask<IReadOnlyList<UploadTarget>> Handle(ListUploadTargets query, CancellationToken cancellationToken) =>
        await db.LogSources.AsNoTracking()
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new UploadTarget(x.s.Id, x.t.Id, x.t.Name + " · " + x.s.Name + " (" + x.s.Vendor + " " + x.s.Product + ")"))
            .ToListAsync(cancellationToken);
}

/// <summary>
/// Stores an uploaded file as a batch, streaming it chunk by chunk, then queues it. The source must be visible in
/// the caller's scope (the tenant filter answers that), and it decides the tenant.
/// </summary>
public sealed class LogFileUpload(PortalDbContext db, BatchWriter writer, IBatchDispatcher dispatcher)
{
    public async Task<StoredBatch?> StoreAsync(long logSourceId, Stream file, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.AsNoTracking().Where(s => s.Id == logSourceId)
            .Select(s => new { s.Id, s.TenantId }).FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }
        var stored = await writer.StoreAsync(source.TenantId, source.Id, IngestChannel.Upload, file, null, cancellationToken);
        if (!stored.Duplicate)
        {
            dispatcher.Enqueue(stored.TenantId, stored.BatchId);
        }
        return stored;
    }
}
