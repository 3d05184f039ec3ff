using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

// /Compliance: for each tenant in reach (or the one asked for), the frameworks that apply, the latest frozen check's
// counts, and the last twelve frozen months as a trend; plus the frameworks a tenant could apply.
public sealed record GetComplianceOverview(string? Tenant) : IQuery<ComplianceOverviewViewModel?>;

public sealed record ComplianceOverviewViewModel(IReadOnlyList<ComplianceOverviewViewModel.TenantBlock> Tenants, IReadOnlyList<FrameworkDefinition> Catalog)
{
    public const int TrendMonths = 12;

    public sealed record TenantBlock(Guid Id, string Slug, string Name, IReadOnlyList<FrameworkRow> Frameworks);

    public sealed record FrameworkRow(string Id, string Title, string Version, DateOnly AppliesSince, string ScopeNote, IReadOnlyList<CheckCounts> Trend)
    {
        public CheckCounts? Latest => Trend.Count > 0 ? Trend[^1] : null;
    }
}

public sealed record CheckCounts(DateOnly Month, int Met, int PartlyMet, int NotMet, int NotAssessed, int NotApplicable)
{
    public int Total => Met + PartlyMet + NotMet + NotAssessed + NotApplicable;
}

internal sealed class GetComplianceOverviewHandler(PortalDbContext db, FrameworkCatalog catalog) : IQueryHandler<GetComplianceOverview, ComplianceOverviewViewModel?>
{
    public async ValueTask<ComplianceOverviewViewModel?> Handle(GetComplianceOverview query, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().Where(t => query.Tenant == null || t.Slug == query.Tenant).OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Slug, t.Name }).ToListAsync(cancellationToken);
        if (query.Tenant is not null && tenants.Count == 0)
        {
            return null;
        }
        var ids = tenants.Select(t => t.Id).ToList();
        var applied = await db.TenantFrameworks.AsNoTracking().Where(f => ids.Contains(f.TenantId)).ToListAsync(cancellationToken);
        var checks = await db.ComplianceChecks.AsNoTracking().Where(c => ids.Contains(c.TenantId))
            .Select(c => new { c.TenantId, c.FrameworkId, Counts = new CheckCounts(c.Month, c.Met, c.PartlyMet, c.NotMet, c.NotAssessed, c.NotApplicable) })
            .ToListAsync(cancellationToken);
        var blocks = tenants.Select(t => new ComplianceOverviewViewModel.TenantBlock(t.Id, t.Slug, t.Name, [.. applied.Where(f => f.TenantId == t.Id)
            .Select(f => (Applied: f, Definition: catalog.Find(f.FrameworkId)))
            .Where(x => x.Definition is not null)
            .OrderBy(x => x.Definition!.Title, StringComparer.Ordinal)
            .Select(x => new ComplianceOverviewViewModel.FrameworkRow(x.Definition!.Id, x.Definition.Title, x.Definition.Version, x.Applied.AppliesSince, x.Applied.ScopeNote,
                [.. checks.Where(c => c.TenantId == t.Id && c.FrameworkId == x.Applied.FrameworkId).Select(c => c.Counts).OrderBy(c => c.Month)
                    .TakeLast(ComplianceOverviewViewModel.TrendMonths)]))])).ToList();
        return new ComplianceOverviewViewModel(blocks, catalog.All);
    }
}
