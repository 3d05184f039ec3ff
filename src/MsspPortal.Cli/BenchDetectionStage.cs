using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Web.Features.Detection;

namespace MsspPortal.Cli;

/// <summary>
/// Stands in for the portal's detection stage when none is registered (it lands with the detection feature): the
/// Core engine with the built-in rules evaluates every event, so "detection on" costs what rule evaluation costs.
/// Alerts are counted, not persisted.
/// </summary>
internal sealed class BenchDetectionStage : IDetectionStage
{
    private readonly DetectionEngine _engine = new(BuiltInRules.All);
    private readonly List<DetectionResult> _results = [];

    public ValueTask<DetectionOutcome> ProcessAsync(Guid tenantId, IReadOnlyList<DetectionInput> events, CancellationToken cancellationToken)
    {
        _results.Clear();
        foreach (var input in events)
        {
            _engine.Evaluate(tenantId, input.Event, _results);
        }
        return ValueTask.FromResult(new DetectionOutcome(_results.Count, 0));
    }
}
