using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Intel;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.Intel;

public sealed record ListIntel : IQuery<IntelOverview>;

public sealed record IntelOverview(IReadOnlyList<IntelListRow> TenantLists, IReadOnlyList<IntelListRow> MsspLists);

public sealed record IntelListRow(string Owner, string ListName, int Indicators, IReadOnlyDictionary<IndicatorType, int> ByType, DateTimeOffset ImportedAt, int Expired);

internal sealed class ListIntelHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListIntel, IntelOverview>
{
    public async ValueTask<IntelOverview> Handle(ListIntel query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var tenantRows = await db.ThreatIntelIndicators.AsNoTracking()
            .Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { Owner = t.Name, i.ListName, i.Type, i.ImportedAt, i.ValidUntil })
            .ToListAsync(cancellationToken);
        var msspRows = await db.MsspIntelIndicators.AsNoTracking()
            .Select(i => new { Owner = "MSSP-wide", i.ListName, i.Type, i.ImportedAt, i.ValidUntil })
            .ToListAsync(cancellationToken);
        return new IntelOverview(
            Summarise(tenantRows.Select(r => (r.Owner, r.ListName, r.Type, r.ImportedAt, r.ValidUntil)), now),
            Summarise(msspRows.Select(r => (r.Owner, r.ListName, r.Type, r.ImportedAt, r.ValidUntil)), now));
    }

    private static List<IntelListRow> Summarise(
        IEnumerable<(string Owner, string ListName, IndicatorType Type, DateTimeOffset ImportedAt, DateTimeOffset? ValidUntil)> rows, DateTimeOffset now) =>
        rows.GroupBy(r => (r.Owner, r.ListName))
            .OrderBy(g => g.Key.Owner).ThenBy(g => g.Key.ListName)
            .Select(g => new IntelListRow(g.Key.Owner, g.Key.ListName, g.Count(),
                g.GroupBy(r => r.Type).ToDictionary(t => t.Key, t => t.Count()),
                g.Max(r => r.ImportedAt), g.Count(r => r.ValidUntil < now)))
            .ToList();
}
