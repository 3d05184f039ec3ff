using System.Globalization;
using System.Text.Json;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Value.Dashboard;

// The trend charts, month over month, built from the same figures the cards show. Each chart goes to the page twice:
// as JSON in a data-chart attribute (no inline script under the CSP; wwwroot/js/value.js draws it with Chart.js) and
// as a table, its text alternative. A point links to the records its month's figure counts.
public static class ValueCharts
{
    public const string RevenueKey = ValueKeys.GrowthPrefix + "revenue";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Chart(string Id, ValueFamily Family, string Title, string Description, IReadOnlyList<string> Labels, IReadOnlyList<Series> Series)
    {
        public string ToJson() => JsonSerializer.Serialize(new
        {
            labels = Labels,
            series = Series.Select(s => new { s.Label, kind = s.Kind.ToString().ToLowerInvariant(), s.Axis, unit = AxisTitle(s.Unit, s.Currency), s.Data, s.Links }),
        }, Json);

        public bool HasData => Series.Any(s => s.Data.Any(d => d is not null));
    }

    public enum Kind
    {
        Bar,
        Line,
        // A P10–P90 band: the low line, then the high line filled down to it.
        Low,
        High,
    }

    public sealed record Series(string Label, Kind Kind, string Axis, ValueUnit Unit, string Currency, bool Estimate,
        IReadOnlyList<double?> Data, IReadOnlyList<string?> Links)
    {
        public string Cell(int index) => Data[index] is not { } value ? "—"
            : Estimate ? ValueFormat.Estimate((decimal)value, Unit, Currency)
            : ValueFormat.Measured((decimal)value, Unit, Currency);
    }

    public static IReadOnlyList<Chart> For(ValueDashboardViewModel model)
    {
        var months = model.Trend;
        var labels = months.Select(m => new DateOnly(m.Year, m.Month, 1).ToString("MMM yyyy", CultureInfo.InvariantCulture)).ToList();
        var currency = model.Currency;
        Series Of(string label, string key, Func<ValueFigure, decimal?> pick, Kind kind = Kind.Bar, string axis = "y", ValueUnit? unit = null,
            bool estimate = false, Func<decimal, decimal>? scale = null)
        {
            var figures = months.Select(m => m.Find(key)).ToList();
            var resolved = unit ?? figures.FirstOrDefault(f => f is not null)?.Unit ?? ValueUnit.Count;
            return new Series(label, kind, axis, resolved, currency, estimate,
                [.. figures.Select(f => f is not null && pick(f) is { } v ? (double?)(double)(scale?.Invoke(v) ?? v) : null)],
                [.. figures.Select(f => f?.Link)]);
        }
        // MTTR is kept in minutes by the model; hours read better month over month.
        var mttrInMinutes = months.Select(m => m.Find(ValueKeys.Mttr)).FirstOrDefault(f => f is not null)?.Unit != ValueUnit.Hours;
        return
        [
            new("chart-interruption", ValueFamily.BusinessProtection, "Business interruption, minutes a month",
                "Minutes the business services were interrupted each month, against the monthly baseline before the service.", labels,
            [
                Of("Interruption", ValueKeys.InterruptionMinutes, f => f.Value, unit: ValueUnit.Minutes),
                Of("Baseline before the service", ValueKeys.InterruptionMinutes, f => f.Baseline, Kind.Line, unit: ValueUnit.Minutes),
            ]),
            new("chart-attacks", ValueFamily.BusinessProtection, "Attacks stopped",
                "Alerts and incidents closed as true positives with the attack contained, per month.", labels,
            [
                Of("Attacks stopped", ValueKeys.AttacksStopped, f => f.Value, unit: ValueUnit.Count),
            ]),
            new("chart-loss", ValueFamily.BusinessProtection, "Estimated loss avoided (P10–P90)",
                "The range in which the loss avoided lies with 80% confidence (P10 to P90), and its median, per month.", labels,
            [
                Of("P10", ValueKeys.LossAvoided, f => f.Low, Kind.Low, unit: ValueUnit.Currency, estimate: true),
                Of("P90", ValueKeys.LossAvoided, f => f.High, Kind.High, unit: ValueUnit.Currency, estimate: true),
                Of("Median (P50)", ValueKeys.LossAvoided, f => f.Value, Kind.Line, unit: ValueUnit.Currency, estimate: true),
            ]),
            new("chart-response", ValueFamily.OperationalEfficiency, "Time to resolve and SLA attainment",
                "Median time to resolve in hours (bars) and the share of alerts handled within the contract's SLA (line), per month.", labels,
            [
                Of("Median time to resolve", ValueKeys.Mttr, f => f.Value, unit: ValueUnit.Hours, scale: mttrInMinutes ? v => v / 60 : null),
                Of("SLA attainment", ValueKeys.SlaAttainment, f => f.Value, Kind.Line, "y2", ValueUnit.Percent),
            ]),
            new("chart-hours", ValueFamily.OperationalEfficiency, "Customer staff hours freed",
                "Hours of the customer's own staff freed from security work each month, against the baseline.", labels,
            [
                Of("Hours freed", ValueKeys.CustomerHoursFreed, f => f.Value, unit: ValueUnit.Hours),
            ]),
            new("chart-revenue", ValueFamily.BusinessGrowth, "Revenue reported by the tenant",
                "Monthly revenue as the tenant reports it; shown beside the security figures, not claimed as caused by them.", labels,
            [
                Of("Reported revenue", RevenueKey, f => f.Value, unit: ValueUnit.Currency),
            ]),
        ];
    }

    private static string AxisTitle(ValueUnit unit, string currency) => unit switch
    {
        ValueUnit.Currency => currency,
        ValueUnit.Minutes => "min",
        ValueUnit.Hours => "h",
        ValueUnit.Days => "d",
        ValueUnit.Percent => "%",
        _ => "",
    };
}
