using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection.Engine;

internal sealed class SequenceEvaluator(SequenceRule rule) : CompiledRule(rule)
{
    private readonly Func<NormalizedEvent, bool> _then = ConditionCompiler.Compile(rule.Then);

    public override long WindowTicks => rule.Window.Ticks;

    protected override int RingCapacity => rule.FirstCount;

    public override IReadOnlyList<string>? IndexValues(string field) =>
        rule.Filter.RequiredValues(field) is { } first && rule.Then.RequiredValues(field) is { } then ? [.. first, .. then] : null;

    public override void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output)
    {
        if (store is null)
        {
            return;
        }
        var now = e.Timestamp.UtcTicks;
        if (Filter(e))
        {
            if (GroupKey(e, requireAll: true) is { } key && store.GetOrAdd(key, now) is { } group)
            {
                (group.Times ??= new TimeRing(rule.FirstCount)).Add(now);
                group.LastSeen = Math.Max(group.LastSeen, now);
            }
            return;
        }
        if (!_then(e) || GroupKey(e, requireAll: true) is not { } thenKey || store.Find(thenKey) is not { Times: { } times } open)
        {
            return;
        }
        if (times.Count >= rule.FirstCount && now - times.Oldest <= WindowTicks && times.Oldest <= now)
        {
            output.Add(Create(e, context, thenKey, new DateTimeOffset(times.Oldest, TimeSpan.Zero), rule.FirstCount + 1));
        }
        // Whatever the outcome, the step that closes a sequence starts the count again.
        times.Clear();
        open.LastSeen = Math.Max(open.LastSeen, now);
    }
}
