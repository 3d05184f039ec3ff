using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;

namespace MsspPortal.Core.Scoring;

/// <summary>An alert after scoring, as the entity-risk accumulator needs it.</summary>
public sealed record ScoredAlert(Guid TenantId, string AlertKey, DateTimeOffset Time, int Risk, DetectionEntities Entities)
{
    public IReadOnlyList<string> Techniques { get; init; } = [];
}

public sealed record EntityRiskOptions
{
    /// <summary>Sum of alert risk over the window that raises the entity-risk detection.</summary>
    public int Threshold { get; init; } = 150;

    public TimeSpan Window { get; init; } = TimeSpan.FromHours(24);

    public int MaxEntitiesPerTenant { get; init; } = 100_000;

    public int MaxContributionsPerEntity { get; init; } = 256;
}

/// <summary>
/// Risk-based alerting: many modest alerts about one address, user or host add up. Each alert counts once per
/// entity (its latest, highest score); when an entity's sum over the sliding window crosses the threshold, one
/// high-fidelity detection lists the contributing alert keys, and the entity stays quiet for a window.
/// </summary>
public sealed class EntityRiskAccumulator(EntityRiskOptions? options = null)
{
    private readonly EntityRiskOptions _options = options ?? new EntityRiskOptions();
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid Tenant, string Type, string Value), EntityState> _entities = [];
    private readonly Dictionary<Guid, int> _perTenant = [];
    private long _nextSweep;

    public int TrackedEntities
    {
        get
        {
            lock (_gate)
            {
                return _entities.Count;
            }
        }
    }

    public IReadOnlyList<DetectionResult> Add(ScoredAlert alert)
    {
        var output = new List<DetectionResult>();
        if (alert.AlertKey.StartsWith(BuiltInRuleIds.EntityRisk, StringComparison.Ordinal))
        {
            return output; // its own detections must not feed back into the sum
        }
        lock (_gate)
        {
            Track(alert, "source.ip", alert.Entities.SourceIp, output);
            Track(alert, "user.name", alert.Entities.UserName, output);
            Track(alert, "host.name", alert.Entities.HostName, output);
            if (alert.Time.UtcTicks >= _nextSweep)
            {
                Sweep(alert.Time);
                _nextSweep = alert.Time.UtcTicks + TimeSpan.FromMinutes(5).Ticks;
            }
        }
        return output;
    }

    private void Track(ScoredAlert alert, string type, string? value, List<DetectionResult> output)
    {
        if (string.IsNullOrEmpty(value) || value == "-")
        {
            return;
        }
        var key = (alert.TenantId, type, value.ToLowerInvariant());
        if (!_entities.TryGetValue(key, out var state))
        {
            var tracked = _perTenant.GetValueOrDefault(alert.TenantId);
            if (tracked >= _options.MaxEntitiesPerTenant)
            {
                return;
            }
            _entities[key] = state = new EntityState();
            _perTenant[alert.TenantId] = tracked + 1;
        }
        var horizon = alert.Time - _options.Window;
        state.Contributions.RemoveAll(c => c.Time < horizon);
        var existing = state.Contributions.FindIndex(c => c.AlertKey == alert.AlertKey);
        if (existing >= 0)
        {
            var previous = state.Contributions[existing];
            state.Contributions[existing] = previous with { Time = alert.Time, Risk = Math.Max(previous.Risk, alert.Risk), Techniques = alert.Techniques };
        }
        else
        {
            if (state.Contributions.Count >= _options.MaxContributionsPerEntity)
            {
                state.Contributions.RemoveAt(0);
            }
            state.Contributions.Add(new Contribution(alert.AlertKey, alert.Time, alert.Risk, alert.Techniques));
        }
        state.LastSeen = alert.Time;

        var total = state.Contributions.Sum(c => c.Risk);
        var quiet = state.FiredAt is null || alert.Time - state.FiredAt >= _options.Window;
        if (total < _options.Threshold || !quiet)
        {
            return;
        }
        state.FiredAt = alert.Time;
        output.Add(new DetectionResult
        {
            TenantId = alert.TenantId,
            RuleId = BuiltInRuleIds.EntityRisk,
            RuleTitle = $"Accumulated risk for {type} {value}",
            Severity = DetectionSeverity.High,
            BaseRisk = 80,
            Techniques = [.. state.Contributions.SelectMany(c => c.Techniques).Distinct(StringComparer.OrdinalIgnoreCase)],
            Entities = type switch
            {
                "source.ip" => new DetectionEntities(value, null, null),
                "user.name" => new DetectionEntities(null, value, null),
                _ => new DetectionEntities(null, null, value),
            },
            GroupKey = $"{type}:{value}",
            EventTime = alert.Time,
            FirstEventTime = state.Contributions.Min(c => c.Time),
            EventCount = state.Contributions.Count,
            DedupWindow = _options.Window,
            Detail = $"risk {total} from {state.Contributions.Count} alerts within {_options.Window.TotalHours:0} h (threshold {_options.Threshold})",
            ContributingAlertKeys = [.. state.Contributions.Select(c => c.AlertKey)],
        });
    }

    private void Sweep(DateTimeOffset now)
    {
        var horizon = now - _options.Window;
        foreach (var (key, state) in _entities)
        {
            if (state.LastSeen < horizon && (state.FiredAt is null || state.FiredAt < horizon))
            {
                _entities.Remove(key);
                _perTenant[key.Tenant]--;
            }
        }
    }

    private sealed record Contribution(string AlertKey, DateTimeOffset Time, int Risk, IReadOnlyList<string> Techniques);

    private sealed class EntityState
    {
        public List<Contribution> Contributions { get; } = [];

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset? FiredAt { get; set; }
    }
}
