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
        if (times.Count < rule.Count)
        {
            group.Firing = false;
            return;
        }
        // The count's events must all fall within the window. Comparing with the oldest added is enough in time order;
        // a late event (a back-fill, another source's batch of the same hours) must not make hours of traffic a burst.
        var (earliest, latest) = times.Span();
        if (latest - earliest > WindowTicks)
        {
            group.Firing = false;
            return;
        }
        var first = new DateTimeOffset(earliest, TimeSpan.Zero);
        output.Add(Create(e, context, key, first, group.Firing ? 1 : rule.Count, _detail));
        group.Firing = true;
    }
}
