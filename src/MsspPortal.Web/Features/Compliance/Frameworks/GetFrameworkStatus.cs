using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Frameworks.Catalogs;
using MsspPortal.Web.Features.Compliance.Frameworks.Checks;

namespace MsspPortal.Web.Features.Compliance.Frameworks;

// One framework of one tenant: every control with its status, reason, evidence, owner and review date from a frozen
// month (the latest when none is asked for), and the controls whose status changed since the previous check. Before
// the first check, the running month is evaluated live and said to be so.
public sealed record GetFrameworkStatus(string? Tenant, string FrameworkId, string? Month = null) : IQuery<FrameworkStatusViewModel?>;

public sealed record FrameworkStatusViewModel(
    Guid TenantId, string TenantSlug, string TenantName, FrameworkDefinition Framework, DateOnly AppliesSince, string ScopeNote, DateOnly? Month, DateTimeOffset? FrozenAt,
    bool Live, IReadOnlyList<DateOnly> Months, CheckCounts Counts, IReadOnlyList<FrameworkStatusViewModel.Row> Controls)
{
    public sealed record Row(string ControlId, string Label, string Group, ComplianceStatus Status, ComplianceStatus? PreviousStatus, string Reason,
        ControlAutomation Automation, string Evidence, string? Owner, DateOnly? ReviewDue)
    {
        public bool Changed => PreviousStatus is { } before && before != Status;
    }

    public IEnumerable<Row> Changes => Controls.Where(c => c.Changed);
}

internal sealed class GetFrameworkStatusHandler(PortalDbContext db, FrameworkCatalog catalog, TimeProvider clock) : IQueryHandler<GetFrameworkStatus, FrameworkStatusViewModel?>
{
    public async ValueTask<FrameworkStatusViewModel?> Handle(GetFrameworkStatus query, CancellationToken cancellationToken)
    {
        if (await ComplianceTenant.FindAsync(db, query.Tenant, cancellationToken) is not { } tenant || catalog.Find(query.FrameworkId) is not { } framework)
        {
            return null;
        }
        var applied = await db.TenantFrameworks.AsNoTracking().FirstOrDefaultAsync(f => f.TenantId == tenant.Id && f.FrameworkId == framework.Id, cancellationToken);
        if (applied is null)
        {
            return null;
        }
        var months = await db.ComplianceChecks.AsNoTracking().Where(c => c.TenantId == tenant.Id && c.FrameworkId == framework.Id)
            .OrderByDescending(c => c.Month).Select(c => c.Month).ToListAsync(cancellationToken);
        var wanted = ComplianceCalendar.Parse(query.Month);
        var month = months.Contains(wanted) ? wanted : months.FirstOrDefault();
        var assessments = (await db.ControlAssessments.AsNoTracking().Where(a => a.TenantId == tenant.Id && a.FrameworkId == framework.Id).ToListAsync(cancellationToken))
            .ToDictionary(a => a.ControlId, StringComparer.OrdinalIgnoreCase);
        var controls = framework.Controls.Where(c => !c.Withdrawn).ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        List<FrameworkStatusViewModel.Row> rows;
        DateTimeOffset? frozenAt = null;
        if (months.Count > 0)
        {
            var check = await db.ComplianceChecks.AsNoTracking().Include(c => c.Results)
                .FirstAsync(c => c.TenantId == tenant.Id && c.FrameworkId == framework.Id && c.Month == month, cancellationToken);
            frozenAt = check.FrozenAt;
            rows = [.. check.Results.OrderBy(r => r.Id).Select(r =>
            {
                var control = controls.GetValueOrDefault(r.ControlId);
                var a = assessments.GetValueOrDefault(r.ControlId);
                return new FrameworkStatusViewModel.Row(r.ControlId, control?.Label ?? "", control?.Group ?? "", r.Status, r.PreviousStatus, r.Reason, r.Automation,
                    r.EvidenceSummary, a?.Owner, a?.ReviewDue);
            })];
        }
        else
        {
            var zone = ComplianceCalendar.Zone(tenant.TimeZone);
            var now = clock.GetUtcNow();
            var local = TimeZoneInfo.ConvertTime(now, zone);
            var current = new DateOnly(local.Year, local.Month, 1);
            var window = new EvaluationWindow(tenant.Id, current, ComplianceCalendar.StartsAt(current, zone), ComplianceCalendar.EndsAt(current, zone));
            var live = await new ControlEvaluation(db, clock).EvaluateAsync(framework, window, cancellationToken);
            rows = [.. live.Select(e => new FrameworkStatusViewModel.Row(e.Finding.ControlId, controls[e.Finding.ControlId].Label, controls[e.Finding.ControlId].Group,
                e.Finding.Status, null, e.Finding.Reason, e.Finding.Automation, e.Finding.EvidenceSummary, e.Owner, e.ReviewDue))];
        }
        var counts = new CheckCounts(month, rows.Count(r => r.Status == ComplianceStatus.Met), rows.Count(r => r.Status == ComplianceStatus.PartlyMet),
            rows.Count(r => r.Status == ComplianceStatus.NotMet), rows.Count(r => r.Status == ComplianceStatus.NotAssessed), rows.Count(r => r.Status == ComplianceStatus.NotApplicable));
        return new FrameworkStatusViewModel(tenant.Id, tenant.Slug, tenant.Name, framework, applied.AppliesSince, applied.ScopeNote, months.Count > 0 ? month : null, frozenAt,
            months.Count == 0, months, counts, rows);
    }
}

// The tenant a compliance page is about: the slug asked for (in reach), or the only tenant in reach.
internal static class ComplianceTenant
{
    public static async Task<Tenant?> FindAsync(PortalDbContext db, string? slug, CancellationToken cancellationToken)
    {
        if (slug is not null)
        {
            return await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        }
        var inReach = await db.Tenants.AsNoTracking().Take(2).ToListAsync(cancellationToken);
        return inReach.Count == 1 ? inReach[0] : null;
    }
}
