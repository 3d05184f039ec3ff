using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Quarantine;

public sealed record ListQuarantine(long LogSourceId) : IQuery<QuarantineViewModel?>;

public sealed record QuarantineViewModel(long LogSourceId, string Source, string Tenant, int Pending, IReadOnlyList<QuarantineViewModel.Row> Lines)
{
    public sealed record Row(long Id, long BatchId, int LineNumber, DateTimeOffset ReceivedAt, string Reason, string RawLine, bool Truncated, DateTimeOffset? ReleasedAt);
}

internal sealed class ListQuarantineHandler(PortalDbContext db) : IQueryHandler<ListQuarantine, QuarantineViewModel?>
{
    public async ValueTask<QuarantineViewModel?> Handle(ListQuarantine query, CancellationToken cancellationToken)
    {
        var source = await db.LogSources.AsNoTracking().Where(s => s.Id == query.LogSourceId)
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s.Id, s.Name, Tenant = t.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (source is null)
        {
            return null;
        }
        var pending = await db.QuarantinedLines.CountAsync(q => q.LogSourceId == source.Id && q.ReleasedAt == null, cancellationToken);
        var lines = await db.QuarantinedLines.AsNoTracking().Where(q => q.LogSourceId == source.Id)
            .OrderByDescending(q => q.Id).Take(200)
            .Select(q => new QuarantineViewModel.Row(q.Id, q.BatchId, q.LineNumber, q.ReceivedAt, q.Reason, q.RawLine, q.Truncated, q.ReleasedAt))
            .ToListAsync(cancellationToken);
        return new QuarantineViewModel(source.Id, source.Name, source.Tenant, pending, lines);
    }
}
