using System.Globalization;
using System.Text;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using Xunit.Abstractions;

namespace MsspPortal.UnitTests.Detection;

/// <summary>Precision and recall of every built-in detection on labelled scenarios and a benign day (table in docs/detections.md).</summary>
public sealed class DetectionEvaluationTests(ITestOutputHelper output)
{
    private static IReadOnlyList<AlertDraft> Alerts(IEnumerable<MsspPortal.Core.Events.NormalizedEvent> events)
    {
        var engine = new DetectionEngine(BuiltInRules.All, EvaluationSet.Options());
        return AlertDeduplication.Collapse(engine.Evaluate(Guid.NewGuid(), events));
    }

    [Fact]
    public void Every_built_in_detection_has_a_scenario() =>
        Assert.Equal(
            BuiltInRules.All.Select(r => r.Id).Order(StringComparer.Ordinal),
            EvaluationSet.Attacks().Select(s => s.Expected).Distinct().Order(StringComparer.Ordinal));

    [Fact]
    public void The_benign_day_raises_no_alert()
    {
        var alerts = Alerts(EvaluationSet.Benign());
        Assert.True(alerts.Count == 0, "benign alerts: " + string.Join(", ", alerts.Select(a => a.AlertKey)));
    }

    [Fact]
    public void Every_built_in_detection_has_recall_1_and_precision_1()
    {
        var rows = new Dictionary<string, (int Tp, int Fn, int Fp)>();
        foreach (var rule in BuiltInRules.All)
        {
            rows[rule.Id] = (0, 0, 0);
        }
        foreach (var scenario in EvaluationSet.Attacks())
        {
            var fired = Alerts(scenario.Events);
            var (tp, fn, fp) = rows[scenario.Expected];
            rows[scenario.Expected] = fired.Any(a => a.First.RuleId == scenario.Expected) ? (tp + 1, fn, fp) : (tp, fn + 1, fp);
            foreach (var alert in fired.Where(a => a.First.RuleId != scenario.Expected && !scenario.AlsoCorrect.Contains(a.First.RuleId)))
            {
                var row = rows[alert.First.RuleId];
                rows[alert.First.RuleId] = row with { Fp = row.Fp + 1 };
            }
        }
        foreach (var alert in Alerts(EvaluationSet.Benign()))
        {
            var row = rows[alert.First.RuleId];
            rows[alert.First.RuleId] = row with { Fp = row.Fp + 1 };
        }

        var table = new StringBuilder("| detection | scenarios | TP | FN | FP | precision | recall |\n|---|---|---|---|---|---|---|\n");
        foreach (var (id, (tp, fn, fp)) in rows.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            table.Append(CultureInfo.InvariantCulture, $"| {id} | {tp + fn} | {tp} | {fn} | {fp} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)} |\n");
        }
        output.WriteLine(table.ToString());

        Assert.All(rows, r => Assert.True(r.Value is { Fn: 0, Fp: 0, Tp: > 0 }, $"{r.Key}: {r.Value}"));
    }

    private static string Ratio(int numerator, int denominator) =>
        denominator == 0 ? "n/a" : ((double)numerator / denominator).ToString("0.00", CultureInfo.InvariantCulture);
}
