using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection.Engine;

internal sealed class DistinctCountEvaluator(DistinctCountRule rule) : CompiledRule(rule)
{
    private readonly Func<NormalizedEvent, string?> _distinct = FieldAccessor.Compile(rule.DistinctField);

    // Enough to detect with, small enough that a scan of all 65,535 ports cannot balloon one group.
    private readonly int _maxValues = Math.Max(rule.Count * 4, 256);

    public override long WindowTicks => rule.Window.Ticks;

    public override void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output)
    {
        if (!Filter(e) || _distinct(e) is not { } value || GroupKey(e, requireAll: true) is not { } key
            || store?.GetOrAdd(key, e.Timestamp.UtcTicks) is not { } group)
        {
            return;
        }
        var now = e.Timestamp.UtcTicks;
        var values = group.Values ??= new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        values[value] = now;
        group.LastSeen = Math.Max(group.LastSeen, now);
        if (values.Count >= rule.Count)
        {
            Prune(values, now - WindowTicks);
        }
        if (values.Count > _maxValues)
        {
            Prune(values, values.Values.Order().ElementAt(values.Count - _maxValues));
        }
        if (values.Count < rule.Count)
        {
            group.Firing = false;
            return;
        }
        var first = new DateTimeOffset(values.Values.Min(), TimeSpan.Zero);
        output.Add(Create(e, context, key, first, group.Firing ? 1 : values.Count, $"{values.Count} distinct {rule.DistinctField}"));
        group.Firing = true;
    }

    private static void Prune(Dictionary<string, long> values, long horizon)
    {
        foreach (var (value, seen) in values)
        {
            if (seen < horizon)
            {
                values.Remove(value);
            }
        }
    }
}
