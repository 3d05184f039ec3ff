using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection.Engine;

internal sealed class NewLocationEvaluator(NewLocationRule rule) : CompiledRule(rule)
{
    private readonly Func<NormalizedEvent, string?> _user = FieldAccessor.Compile(rule.UserField);

    public override long WindowTicks => rule.Lookback.Ticks;

    public override void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output)
    {
        if (!Filter(e) || _user(e) is not { } user || context.Locations.Resolve(e) is not { } location
            || store?.GetOrAdd(user, e.Timestamp.UtcTicks) is not { } group)
        {
            return;
        }
        var now = e.Timestamp.UtcTicks;
        var seen = group.Values ??= new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var horizon = now - WindowTicks;
        var known = seen.TryGetValue(location, out var lastSeen) && lastSeen >= horizon;
        var hasHistory = false;
        foreach (var (place, time) in seen)
        {
            if (time < horizon)
            {
                seen.Remove(place);
            }
            else
            {
                hasHistory = true;
            }
        }
        if (!known && hasHistory)
        {
            output.Add(Create(e, context, string.Concat(user, "|", location), e.Timestamp, 1, $"first logon from {location} in {rule.Lookback.TotalDays:0} days"));
        }
        seen[location] = Math.Max(lastSeen, now);
        group.LastSeen = Math.Max(group.LastSeen, now);
    }
}
