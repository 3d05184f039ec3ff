using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection.Engine;

// A rule with its conditions compiled to delegates and its field getters resolved, ready for the hot path.
internal abstract class CompiledRule
{
    private readonly Func<NormalizedEvent, string?>[] _groupBy;

    protected CompiledRule(DetectionRule rule)
    {
        Rule = rule;
        Filter = ConditionCompiler.Compile(rule.Filter);
        _groupBy = [.. rule.GroupBy.Select(FieldAccessor.Compile)];
    }

    public DetectionRule Rule { get; }

    public Func<NormalizedEvent, bool> Filter { get; }

    /// <summary>Position in its rule set, where the tenant's window stores are kept.</summary>
    public int Index { get; set; }

    /// <summary>How long a group's state stays relevant; 0 for rules that keep none.</summary>
    public virtual long WindowTicks => 0;

    // Capacity of a group's time ring, used when restoring a snapshot.
    protected virtual int RingCapacity => 0;

    public abstract void Evaluate(NormalizedEvent e, in EvaluationContext context, GroupStore? store, ICollection<DetectionResult> output);

    /// <summary>Event categories or actions the rule can fire on, for the engine's index; null means any.</summary>
    public virtual IReadOnlyList<string>? IndexValues(string field) => Rule.Filter.RequiredValues(field);

    // The group key, or null when an aggregation cannot tell whose event this is.
    protected string? GroupKey(NormalizedEvent e, bool requireAll)
    {
        if (_groupBy.Length == 1)
        {
            return _groupBy[0](e) ?? (requireAll ? null : "-");
        }
        if (_groupBy.Length == 0)
        {
            return "*";
        }
        var parts = new string[_groupBy.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var value = _groupBy[i](e);
            if (value is null && requireAll)
            {
                return null;
            }
            parts[i] = value ?? "-";
        }
        return string.Join('|', parts);
    }

    protected DetectionResult Create(NormalizedEvent e, in EvaluationContext context, string groupKey, DateTimeOffset firstEventTime, int eventCount,
        string? detail = null) => new()
    {
        Detail = detail,
        TenantId = context.TenantId,
        RuleId = Rule.Id,
        RuleTitle = Rule.Title,
        Severity = Rule.Severity,
        BaseRisk = Rule.BaseRisk,
        Techniques = Rule.Techniques,
        Entities = new DetectionEntities(e.SourceIp, e.UserName, e.HostName, e.DestinationIp),
        GroupKey = groupKey,
        EventTime = e.Timestamp,
        FirstEventTime = firstEventTime,
        EventCount = eventCount,
        DedupWindow = Rule.DedupWindow,
    };

    public static GroupSnapshot ToSnapshot(string key, GroupState group) => new(
        key,
        new DateTimeOffset(group.LastSeen, TimeSpan.Zero),
        group.Firing,
        group.Times?.ToArray().Select(t => new DateTimeOffset(t, TimeSpan.Zero)).ToList(),
        group.Values?.ToDictionary(p => p.Key, p => new DateTimeOffset(p.Value, TimeSpan.Zero), StringComparer.OrdinalIgnoreCase));

    public GroupState FromSnapshot(GroupSnapshot snapshot)
    {
        var group = new GroupState { LastSeen = snapshot.LastSeen.UtcTicks, Firing = snapshot.Firing };
        if (snapshot.Times is { } times && RingCapacity > 0)
        {
            group.Times = new TimeRing(RingCapacity);
            foreach (var time in times.Skip(Math.Max(0, times.Count - RingCapacity)))
            {
                group.Times.Add(time.UtcTicks);
            }
        }
        if (snapshot.Values is { } values)
        {
            group.Values = values.ToDictionary(p => p.Key, p => p.Value.UtcTicks, StringComparer.OrdinalIgnoreCase);
        }
        return group;
    }

    public static CompiledRule For(DetectionRule rule) => rule switch
    {
        MatchRule match => new MatchEvaluator(match),
        ThresholdRule threshold => new ThresholdEvaluator(threshold),
        DistinctCountRule distinct => new DistinctCountEvaluator(distinct),
        SequenceRule sequence => new SequenceEvaluator(sequence),
        IndicatorRule indicator => new IndicatorEvaluator(indicator),
        NewLocationRule location => new NewLocationEvaluator(location),
        _ => throw new NotSupportedException($"Rule kind {rule.GetType().Name} is not supported."),
    };
}
