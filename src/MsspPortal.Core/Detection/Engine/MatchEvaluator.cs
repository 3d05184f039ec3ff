using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection.Engine;

internal sealed class MatchEvaluator(MatchRule rule) : CompiledRule(rule)
{
    public override void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output)
    {
        if (!Filter(e))
        {
            return;
        }
        var detection = Create(e, context, GroupKey(e, requireAll: false)!, e.Timestamp, 1);
        if (rule.SeverityFromEvent)
        {
            // Pass-through: the device knows its signature better than we do; keep its severity.
            var severity = DetectionSeverities.FromDeviceScale(e.Severity);
            detection = detection with
            {
                Severity = severity,
                BaseRisk = Math.Clamp(e.Severity * 10, 10, 100),
                Detail = e.RuleName,
            };
        }
        output.Add(detection);
    }
}
