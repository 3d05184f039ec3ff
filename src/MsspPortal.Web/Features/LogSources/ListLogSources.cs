using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Events;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.LogSources;

public sealed record ListLogSources : IQuery<IReadOnlyList<LogSourceRow>>;

public sealed record LogSourceRow(long Id, string Tenant, string Name, string Vendor, string Product, LogFormat Format,
    string? TimeZone, string SourceAddresses, string? Asset, DateTimeOffset? LastSeenAt, string KeyPrefix, long Received, long Parsed, long Quarantined);

internal sealed class ListLogSourcesHandler(PortalDbContext db) : IQueryHandler<ListLogSources, IReadOnlyList<LogSourceRow>>
{
    public async ValueTask<IReadOnlyList<LogSourceRow>> Handle(ListLogSources query, CancellationToken cancellationToken) =>
        await db.LogSources.AsNoTracking()
            .Join(db.Tenants, s => s.TenantId, t => t.Id, (s, t) => new { s, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.s.Name)
            .Select(x => new LogSourceRow(x.s.Id, x.t.Name, x.s.Name, x.s.Vendor, x.s.Product, x.s.ExpectedFormat, x.s.TimeZone, x.s.SourceAddresses,
                db.Assets.Where(a => a.Id == x.s.AssetId).Select(a => a.Name).FirstOrDefault(),
                x.s.LastSeenAt, x.s.ApiKeyPrefix, x.s.ReceivedCount, x.s.ParsedCount, x.s.QuarantinedCount))
            .ToListAsync(cancellationToken);
}
