using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Ingestion;

public sealed record ListBatches : IQuery<IReadOnlyList<BatchRow>>;

public sealed record BatchRow(long Id, string Tenant, string Source, IngestChannel Channel, DateTimeOffset ReceivedAt, int Lines, long Bytes,
    BatchState State, int Events, int Quarantined, int Attempts, string? LastError);

internal sealed class ListBatchesHandler(PortalDbContext db) : IQueryHandler<ListBatches, IReadOnlyList<BatchRow>>
{
    public async ValueTask<IReadOnlyList<BatchRow>> Handle(ListBatches query, CancellationToken cancellationToken)
    {
        var rows = await db.RawBatches.AsNoTracking()
            .OrderByDescending(b => b.Id)
            .Take(200)
            .Join(db.LogSources, b => b.LogSourceId, s => s.Id, (b, s) => new { b, Source = s.Name })
            .Join(db.Tenants, x => x.b.TenantId, t => t.Id, (x, t) => new BatchRow(x.b.Id, t.Name, x.Source, x.b.Channel, x.b.ReceivedAt,
                x.b.LineCount, x.b.ByteCount, x.b.State, x.b.EventsWritten, x.b.LinesQuarantined, x.b.Attempts, x.b.LastError))
            .ToListAsync(cancellationToken);
        // The joins may reorder rows; newest first is the page's promise.
        return [.. rows.OrderByDescending(r => r.Id)];
    }
}

public sealed record GetBatch(long Id) : IQuery<BatchDetails?>;

public sealed record BatchDetails(BatchRow Batch, string ContentHash, long? DuplicateOf, IReadOnlyList<QuarantineRow> Quarantined);

public sealed record QuarantineRow(long Id, long BatchId, int LineNumber, DateTimeOffset ReceivedAt, string Reason, string RawLine, bool Truncated, DateTimeOffset? ReleasedAt);

internal sealed class GetBatchHandler(PortalDbContext db) : IQueryHandler<GetBatch, BatchDetails?>
{
    public async ValueTask<BatchDetails?> Handle(GetBatch query, CancellationToken cancellationToken)
    {
        var batch = await db.RawBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == query.Id, cancellationToken);
        if (batch is null)
        {
            return null;
        }
        var source = await db.LogSources.Where(s => s.Id == batch.LogSourceId).Select(s => s.Name).FirstAsync(cancellationToken);
        var tenant = await db.Tenants.Where(t => t.Id == batch.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var quarantined = await db.QuarantinedLines.AsNoTracking().Where(q => q.BatchId == batch.Id)
            .OrderBy(q => q.LineNumber).Take(500)
            .Select(q => new QuarantineRow(q.Id, q.BatchId, q.LineNumber, q.ReceivedAt, q.Reason, q.RawLine, q.Truncated, q.ReleasedAt))
            .ToListAsync(cancellationToken);
        var row = new BatchRow(batch.Id, tenant, source, batch.Channel, batch.ReceivedAt, batch.LineCount, batch.ByteCount, batch.State,
            batch.EventsWritten, batch.LinesQuarantined, batch.Attempts, batch.LastError);
        return new BatchDetails(row, batch.ContentHash, batch.DuplicateOfBatchId, quarantined);
    }
}
