using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Tenants;

public sealed record ListTenants : IQuery<IReadOnlyList<TenantListRow>>;

public sealed record TenantListRow(Guid Id, string Name, string Slug, Industry Industry, ServiceTier Tier, string TimeZone,
    string Currency, bool IsActive, int Assets, int LogSources, int OpenAlerts);

internal sealed class ListTenantsHandler(PortalDbContext db) : IQueryHandler<ListTenants, IReadOnlyList<TenantListRow>>
{
    public async ValueTask<IReadOnlyList<TenantListRow>> Handle(ListTenants query, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new TenantListRow(t.Id, t.Name, t.Slug, t.Industry, t.Tier, t.TimeZone, t.Currency, t.IsActive,
                db.Assets.Count(a => a.TenantId == t.Id),
                db.LogSources.Count(s => s.TenantId == t.Id),
                db.Alerts.Count(a => a.TenantId == t.Id && a.Status != AlertStatus.Resolved)))
            .ToListAsync(cancellationToken);
}
