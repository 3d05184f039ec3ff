using System.Text.Json;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Soc;

// The charts' data as JSON for data-chart attributes (no inline script under the CSP): labels, datasets, and for
// each bar the queue link that lists the alerts it counts; wwwroot/js/soc.js draws them with Chart.js.
public static class SocCharts
{
    public sealed record Chart(string Type, IReadOnlyList<string> Labels, IReadOnlyList<Dataset> Datasets, string Unit);

    public sealed record Dataset(string Label, IReadOnlyList<double?> Data, IReadOnlyList<string> Links);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Times(SocMetricsViewModel model)
    {
        var scope = model.Scopes[0];
        var labels = scope.Severities.Select(s => s.Severity.ToString()).ToList();
        List<string> Links(string? status) => [.. scope.Severities.Select(s => QueueLink.For(scope.Slug, model.From, model.To, s.Severity, status))];
        return Serialize(new Chart("bar", labels,
        [
            new("Median time to detect", [.. scope.Severities.Select(s => s.Detect.MedianMinutes)], Links(null)),
            new("Median time to acknowledge", [.. scope.Severities.Select(s => s.Acknowledge.MedianMinutes)], Links(null)),
            new("Median time to resolve", [.. scope.Severities.Select(s => s.Resolve.MedianMinutes)], Links("resolved")),
        ], "min"));
    }

    public static string Sla(SocMetricsViewModel model)
    {
        var scope = model.Scopes[0];
        List<string> Links() => [.. scope.Severities.Select(s => QueueLink.For(scope.Slug, model.From, model.To, s.Severity))];
        return Serialize(new Chart("bar", [.. scope.Severities.Select(s => s.Severity.ToString())],
        [
            new("Acknowledged in time", [.. scope.Severities.Select(s => s.AcknowledgeSla.Percent)], Links()),
            new("Resolved in time", [.. scope.Severities.Select(s => s.ResolveSla.Percent)], Links()),
        ], "%"));
    }

    public static string Analysts(SocMetricsViewModel model) =>
        Serialize(new Chart("bar", [.. model.Analysts.Select(a => a.Name)],
        [
            new("Alerts resolved", [.. model.Analysts.Select(a => (double?)a.Resolved)],
                [.. model.Analysts.Select(a => QueueLink.For(model.Tenant, model.From, model.To, status: "resolved", resolvedBy: a.Email))]),
        ], ""));

    public static string FalsePositives(SocMetricsViewModel model, int top = 15)
    {
        var rules = model.Rules.Take(top).ToList();
        return Serialize(new Chart("bar", [.. rules.Select(r => r.RuleId)],
        [
            new("False-positive rate", [.. rules.Select(r => (double?)Math.Round(r.Percent, 1))],
                [.. rules.Select(r => QueueLink.For(model.Tenant, model.From, model.To, status: "resolved", rule: r.RuleId, disposition: "false-positive"))]),
        ], "%"));
    }

    private static string Serialize(Chart chart) => JsonSerializer.Serialize(chart, Json);
}
