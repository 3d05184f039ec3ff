using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Assets;

public sealed record ListAssets(string? Search) : IQuery<IReadOnlyList<AssetRow>>;

public sealed record AssetRow(long Id, string Tenant, AssetKind Kind, string Name, string Identifiers, int Criticality,
    string? BusinessService, string? BusinessOwner, decimal? DowntimeCostPerHour, string Currency);

internal sealed class ListAssetsHandler(PortalDbContext db) : IQueryHandler<ListAssets, IReadOnlyList<AssetRow>>
{
    public async ValueTask<IReadOnlyList<AssetRow>> Handle(ListAssets query, CancellationToken cancellationToken)
    {
        var assets = db.Assets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            assets = assets.Where(a => a.Name.Contains(term) || a.Identifiers.Contains(term) || (a.BusinessService != null && a.BusinessService.Name.Contains(term)));
        }
        return await assets
            .Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { a, t })
            .OrderBy(x => x.t.Name).ThenByDescending(x => x.a.Criticality).ThenBy(x => x.a.Name)
            .Select(x => new AssetRow(x.a.Id, x.t.Name, x.a.Kind, x.a.Name, x.a.Identifiers, x.a.Criticality,
                x.a.BusinessService!.Name, x.a.BusinessOwner, (decimal?)x.a.BusinessService!.DowntimeCostPerHour, x.t.Currency))
            .ToListAsync(cancellationToken);
    }
}
