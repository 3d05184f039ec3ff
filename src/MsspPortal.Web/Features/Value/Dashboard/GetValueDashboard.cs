using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value.Reports;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Value.Dashboard;

// The business owner's value dashboard: one tenant (Tenant = slug; the only one in reach when absent) and one month
// (Month = "2026-11"; the current month so far when absent), the twelve months up to it for the trends, and what the
// analysts are waiting on the customer for. A slug outside the caller's reach is simply not found.
public sealed record GetValueDashboard(string? Tenant, string? Month) : IQuery<ValueDashboardPage>;

public sealed record ValueDashboardPage(ValueDashboardPage.Outcome Result, ValueDashboardViewModel? Dashboard, IReadOnlyList<TenantOption> Tenants)
{
    public enum Outcome
    {
        Dashboard,
        ChooseTenant,
        NotFound,
    }
}

public sealed record TenantOption(string Slug, string Name);

public sealed record ValueDashboardViewModel(
    TenantOption Tenant,
    IReadOnlyList<TenantOption> Tenants,
    DateOnly Month,
    bool SoFar,
    DateOnly Today,
    IReadOnlyList<DateOnly> Months,
    ValueFigures Figures,
    IReadOnlySet<string> ConfirmedGrowth,
    IReadOnlyList<ValueFigures> Trend,
    ValueDashboardViewModel.Waiting OnCustomer)
{
    public const int TrendMonths = 12;

    public string Currency => Figures.Currency;

    private const string FunnelPrefix = "efficiency.funnel.";

    // The headline figures of a family, as cards: the keys every consumer relies on, and each growth figure.
    public IEnumerable<ValueFigure> Cards(ValueFamily family) =>
        Figures.Figures.Where(f => f.Family == family && !IsFunnel(f) && (family == ValueFamily.BusinessGrowth || MainKeys.Contains(f.Key)));

    // Per-severity and per-stage breakdowns ("efficiency.mttr.p50.critical"), as a table under the cards.
    public IEnumerable<ValueFigure> Breakdown(ValueFamily family) =>
        Figures.Figures.Where(f => f.Family == family && family != ValueFamily.BusinessGrowth && !IsFunnel(f) && !MainKeys.Contains(f.Key));

    public IEnumerable<ValueFigure> Funnel => Figures.Figures.Where(IsFunnel);

    private static bool IsFunnel(ValueFigure figure) => figure.Key.StartsWith(FunnelPrefix, StringComparison.Ordinal);

    private static readonly HashSet<string> MainKeys = typeof(ValueKeys)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name != nameof(ValueKeys.GrowthPrefix))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    public sealed record Waiting(int Alerts, int Incidents, IReadOnlyList<Item> Items, string AlertsLink, string IncidentsLink);

    public sealed record Item(string Kind, long Id, string Title, AlertSeverity Severity, DateTimeOffset? Since, string Link);
}

internal sealed class GetValueDashboardHandler(PortalDbContext db, ITenantContext scope, MonthlyValueCache months, TimeProvider clock)
    : IQueryHandler<GetValueDashboard, ValueDashboardPage>
{
    // How far back the month selector reaches.
    private const int SelectableMonths = 24;

    private const int WaitingShown = 10;

    public async ValueTask<ValueDashboardPage> Handle(GetValueDashboard query, CancellationToken cancellationToken)
    {
        // The tenant filter leaves only the tenants the caller may read the value of.
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Slug, t.Name, t.TimeZone }).ToListAsync(cancellationToken);
        var options = tenants.Select(t => new TenantOption(t.Slug, t.Name)).ToList();
        var requested = string.IsNullOrWhiteSpace(query.Tenant) ? null : query.Tenant.Trim();
        var tenant = requested is not null
            ? tenants.FirstOrDefault(t => string.Equals(t.Slug, requested, StringComparison.Ordinal))
            : scope.SingleTenantId is { } single ? tenants.FirstOrDefault(t => t.Id == single) : tenants.Count == 1 ? tenants[0] : null;
        if (tenant is null)
        {
            return new ValueDashboardPage(requested is null && tenants.Count > 1 ? ValueDashboardPage.Outcome.ChooseTenant : ValueDashboardPage.Outcome.NotFound,
                null, options);
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(tenant.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var current = new DateOnly(today.Year, today.Month, 1);
        var month = ParseMonth(query.Month) is { } asked && asked <= current && asked > current.AddMonths(-SelectableMonths) ? asked : current;

        var watermark = await months.WatermarkAsync(tenant.Id, cancellationToken);
        // Earlier months that have a published report are drawn from its snapshot: the figures the business owner was
        // given and acknowledged (later data never rewrites them), and no recomputation when the tenant's records move.
        var firstTrendMonth = month.AddMonths(-(ValueDashboardViewModel.TrendMonths - 1));
        var published = (await db.ValueReports.AsNoTracking()
                .Where(r => r.TenantId == tenant.Id && r.Status != ValueReportStatus.Draft && r.Month >= firstTrendMonth && r.Month < month)
                .ToListAsync(cancellationToken))
            .ToDictionary(r => r.Month, r => ValueReportSnapshot.Read(r).Figures);
        var trend = new List<ValueFigures>(ValueDashboardViewModel.TrendMonths);
        for (var i = ValueDashboardViewModel.TrendMonths - 1; i >= 0; i--)
        {
            var m = month.AddMonths(-i);
            trend.Add(published.TryGetValue(m, out var reported) ? reported
                : await months.GetAsync(tenant.Id, m.Year, m.Month, watermark, cancellationToken));
        }

        var monthStart = new DateOnly(month.Year, month.Month, 1);
        var confirmed = await db.ReportedFigures.AsNoTracking()
            .Where(f => f.TenantId == tenant.Id && f.Month == monthStart && f.CausalityConfirmedBy != null)
            .Select(f => f.Metric).ToListAsync(cancellationToken);
        var figures = trend[^1];
        var confirmedKeys = figures.Figures
            .Where(f => f.Family == ValueFamily.BusinessGrowth && confirmed.Any(metric => SameMetric(f.Key, metric)))
            .Select(f => f.Key).ToHashSet(StringComparer.Ordinal);

        return new ValueDashboardPage(ValueDashboardPage.Outcome.Dashboard,
            new ValueDashboardViewModel(new TenantOption(tenant.Slug, tenant.Name), options, month, month == current, today,
                [.. Enumerable.Range(0, SelectableMonths).Select(i => current.AddMonths(-i))],
                figures, confirmedKeys, trend, await WaitingAsync(tenant.Id, tenant.Slug, cancellationToken)),
            options);
    }

    private async Task<ValueDashboardViewModel.Waiting> WaitingAsync(Guid tenantId, string slug, CancellationToken cancellationToken)
    {
        // Merged duplicates wait through their survivor.
        var alerts = db.Alerts.AsNoTracking().Where(a => a.TenantId == tenantId && a.Status == AlertStatus.WaitingOnCustomer && a.MergedIntoId == null);
        var incidents = db.Incidents.AsNoTracking().Where(i => i.TenantId == tenantId && i.Status == IncidentStatus.WaitingOnCustomer);
        var alertCount = await alerts.CountAsync(cancellationToken);
        var incidentCount = await incidents.CountAsync(cancellationToken);
        var alertRows = await alerts.OrderByDescending(a => a.Severity).ThenBy(a => a.Id).Take(WaitingShown)
            .Select(a => new { a.Id, a.Title, a.Severity, a.ClockPausedAt }).ToListAsync(cancellationToken);
        var incidentRows = await incidents.OrderByDescending(i => i.Severity).ThenBy(i => i.Id).Take(WaitingShown)
            .Select(i => new { i.Id, i.Title, i.Severity, i.ClockPausedAt }).ToListAsync(cancellationToken);
        // Links are the other pages' URLs as text: this feature does not import them.
        var items = incidentRows.Select(i => new ValueDashboardViewModel.Item("Incident", i.Id, i.Title, i.Severity, i.ClockPausedAt,
                string.Create(CultureInfo.InvariantCulture, $"/Incidents/Details/{i.Id}")))
            .Concat(alertRows.Select(a => new ValueDashboardViewModel.Item("Alert", a.Id, a.Title, a.Severity, a.ClockPausedAt,
                string.Create(CultureInfo.InvariantCulture, $"/Alerts/Details/{a.Id}"))))
            .ToList();
        var tenant = Uri.EscapeDataString(slug);
        return new ValueDashboardViewModel.Waiting(alertCount, incidentCount, items,
            $"/Alerts?status=waiting-on-customer&tenant={tenant}", $"/Incidents?status=waiting-on-customer&tenant={tenant}");
    }

    private static DateOnly? ParseMonth(string? value) =>
        DateOnly.TryParseExact(value?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    // "growth.conversion-rate" names ReportedMetric.ConversionRatePercent: compared on letters, "percent" aside.
    private static bool SameMetric(string key, ReportedMetric metric)
    {
        static string Letters(string s) => new string([.. s.Where(char.IsLetter)]).ToLowerInvariant().Replace("percent", "", StringComparison.Ordinal);
        return Letters(key[ValueKeys.GrowthPrefix.Length..]) == Letters(metric.ToString());
    }
}
