using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Profile;

// The tenant's reported figures by month, newest first, with who reported each and whether the tenant said
// security caused it; and the form for a month (filled with that month's figures when it has some).
public sealed record ListReportedFigures(Guid TenantId, string? Month = null) : IQuery<ReportedFiguresViewModel?>;

public sealed record ReportedFiguresViewModel(Guid TenantId, string TenantName, string Currency, IReadOnlyList<ReportedFiguresViewModel.MonthRow> Months, ReportFigures Form)
{
    public sealed record MonthRow(DateOnly Month, IReadOnlyList<Figure> Figures)
    {
        public Figure? Of(ReportedMetric metric) => Figures.FirstOrDefault(f => f.Metric == metric);
    }

    public sealed record Figure(ReportedMetric Metric, decimal Value, string? Note, string ReportedBy, DateTimeOffset ReportedAt, ReportedFigureChannel Channel,
        string? CausalityConfirmedBy);
}

internal sealed class ListReportedFiguresHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListReportedFigures, ReportedFiguresViewModel?>
{
    public async ValueTask<ReportedFiguresViewModel?> Handle(ListReportedFigures query, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == query.TenantId)
            .Select(t => new { t.Id, t.Name, t.Currency }).FirstOrDefaultAsync(cancellationToken);
        if (tenant is null)
        {
            return null;
        }
        // Decimal and DateOnly ordering is done in memory: SQLite cannot order decimals (a tenant has a few dozen rows).
        var figures = await db.ReportedFigures.AsNoTracking().Where(f => f.TenantId == tenant.Id).ToListAsync(cancellationToken);
        var names = await PeopleNames.LoadAsync(db, figures.SelectMany(f => new[] { f.ReportedBy, f.CausalityConfirmedBy }), cancellationToken);
        var months = figures.GroupBy(f => f.Month).OrderByDescending(g => g.Key)
            .Select(g => new ReportedFiguresViewModel.MonthRow(g.Key, [.. g.OrderBy(f => f.Metric).Select(f => new ReportedFiguresViewModel.Figure(
                f.Metric, f.Value, f.Note, PeopleNames.Of(names, f.ReportedBy)!, f.ReportedAt, f.Channel, PeopleNames.Of(names, f.CausalityConfirmedBy)))]))
            .ToList();

        // The form opens on the month asked for, else on the month just ended.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var month = ReportedMonth.Parse(query.Month) ?? new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var row = months.FirstOrDefault(m => m.Month == month);
        var form = new ReportFigures
        {
            TenantId = tenant.Id, Month = ValueFormat.Month(month), Revenue = row?.Of(ReportedMetric.Revenue)?.Value,
            ConversionRatePercent = row?.Of(ReportedMetric.ConversionRatePercent)?.Value, RetentionPercent = row?.Of(ReportedMetric.RetentionPercent)?.Value,
            NewMarkets = row?.Of(ReportedMetric.NewMarkets)?.Value, SecurityStaffHours = row?.Of(ReportedMetric.SecurityStaffHours)?.Value,
            ComplianceAuditDays = row?.Of(ReportedMetric.ComplianceAuditDays)?.Value,
            Note = row?.Figures.Select(f => f.Note).FirstOrDefault(n => n is not null),
        };
        return new ReportedFiguresViewModel(tenant.Id, tenant.Name, tenant.Currency, months, form);
    }
}
