using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Coverage;

public sealed record GetCoverage(Guid TenantId) : IQuery<CoverageViewModel>;

public sealed record CoverageViewModel(Guid TenantId, string Tenant, CoverageMatrix Matrix, int EnabledRules, int AlertsInPeriod);

internal sealed class GetCoverageHandler(PortalDbContext db, TenantProfileLoader loader, TimeProvider clock) : IQueryHandler<GetCoverage, CoverageViewModel>
{
    public async ValueTask<CoverageViewModel> Handle(GetCoverage query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.Where(t => t.Id == query.TenantId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var enabled = (await RuleBook.LoadAsync(db, query.TenantId, cancellationToken)).Where(e => e.Enabled).Select(e => e.Rule).ToList();
        var since = clock.GetUtcNow().AddDays(-30);
        var techniques = await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == query.TenantId && a.DetectedAt >= since && a.Techniques != "")
            .Select(a => a.Techniques).ToListAsync(cancellationToken);
        var counts = techniques.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .GroupBy(t => t, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var matrix = AttackCoverage.Compute(await loader.CatalogAsync(cancellationToken), enabled, counts);
        return new CoverageViewModel(query.TenantId, tenant, matrix, enabled.Count, techniques.Count);
    }
}
