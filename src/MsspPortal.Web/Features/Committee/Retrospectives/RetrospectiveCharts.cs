using System.Text.Json;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// The pack's headline trend as chart data for a data-chart attribute (no inline script under the CSP);
// wwwroot/js/retrospective.js draws it with Chart.js, and the page shows the same numbers as a table beside it.
public static class RetrospectiveCharts
{
    public sealed record Chart(string Id, string Title, IReadOnlyList<string> Labels, IReadOnlyList<Series> Series)
    {
        public string ToJson() => JsonSerializer.Serialize(this, Json);
    }

    public sealed record Series(string Label, string Kind, string Axis, string Unit, IReadOnlyList<decimal?> Data);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Chart> For(RetrospectivePack pack)
    {
        var labels = pack.Value.Months.Select(m => m.Month).ToList();
        Series? Of(string key, string kind, string axis)
        {
            var row = pack.Value.Trend.FirstOrDefault(t => t.Key == key);
            return row is null ? null : new Series(row.Label, kind, axis, Unit(row.Unit, pack.Currency), row.Values);
        }
        var charts = new List<Chart>();
        var operations = new[] { Of(ValueKeys.AttacksStopped, "bar", "y"), Of(ValueKeys.InterruptionMinutes, "bar", "y"), Of(ValueKeys.SlaAttainment, "line", "y2") }
            .OfType<Series>().ToList();
        if (operations.Count > 0)
        {
            charts.Add(new Chart("retro-chart-operations", "Attacks stopped, interruption and SLA attainment", labels, operations));
        }
        var money = new[] { Of(ValueKeys.LossAvoided, "bar", "y"), Of(ValueKeys.ActualLoss, "line", "y") }.OfType<Series>().ToList();
        if (money.Count > 0)
        {
            charts.Add(new Chart("retro-chart-money", $"Loss avoided (P50) and actual loss, {pack.Currency}", labels, money));
        }
        return charts;
    }

    private static string Unit(ValueUnit unit, string currency) => unit switch
    {
        ValueUnit.Percent => "%",
        ValueUnit.Currency => currency,
        ValueUnit.Minutes => "min",
        ValueUnit.Hours => "h",
        ValueUnit.Days => "d",
        _ => "",
    };
}
