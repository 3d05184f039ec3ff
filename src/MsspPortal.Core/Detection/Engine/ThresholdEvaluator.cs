using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection.Engine;

internal sealed class ThresholdEvaluator(ThresholdRule rule) : CompiledRule(rule)
{
    // The same for every detection of the rule: formatted once, not per event of a flood.
    private readonly string _detail = $"{rule.Count}+ events within {rule.Window}";

    public override long WindowTicks => rule.Window.Ticks;

    protected override int RingCapacity => rule.Count;

    public override void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output)
    {
        if (!Filter(e) || GroupKey(e, requireAll: true) is not { } key || store?.GetOrAdd(key, e.Timestamp.UtcTicks) is not { } group)
        {
            return;
        }
        var now = e.Timestamp.UtcTicks;
        var times = group.Times ??= new TimeRing(rule.Count);
        times.Add(now);
        group.LastSeen = Math.Max(group.LastSeen, now);
        if (times.Count < rule.Count || now - times.Oldest > WindowTicks)
        {
            group.Firing = false;
            return;
        }
        var first = new DateTimeOffset(times.Oldest, TimeSpan.Zero);
        output.Add(Create(e, context, key, first, group.Firing ? 1 : rule.Count, _detail));
        group.Firing = true;
    }
}
