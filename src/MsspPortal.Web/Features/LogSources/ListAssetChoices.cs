using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Features.LogSources;

public sealed record ListAssetChoices(Guid? TenantId) : IQuery<IReadOnlyList<AssetChoice>>;

public sealed record AssetChoice(long Id, string Label);

internal sealed class ListAssetChoicesHandler(PortalDbContext db) : IQueryHandler<ListAssetChoices, IReadOnlyList<AssetChoice>>
{
    public async ValueTask<IReadOnlyList<AssetChoice>> Handle(ListAssetChoices query, CancellationToken cancellationToken)
    {
        var assets = db.Assets.AsNoTracking();
        if (query.TenantId is { } tenantId)
        {
            assets = assets.Where(a => a.TenantId == tenantId);
        }
        return await assets.Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { a, t })
            .OrderBy(x => x.t.Name).ThenBy(x => x.a.Name)
            .Select(x => new AssetChoice(x.a.Id, x.t.Name + " · " + x.a.Name))
            .ToListAsync(cancellationToken);
    }
}
