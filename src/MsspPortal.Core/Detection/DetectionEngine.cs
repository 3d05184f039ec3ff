using System.Collections.Concurrent;
using MsspPortal.Core.Detection.Engine;
using MsspPortal.Core.Detection.State;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection;

/// <summary>
/// Evaluates events as they stream through ingestion, per tenant, against compiled rules, keeping only the open
/// windows aggregations need. Time is event time, so replays and back-fills behave like live traffic.
/// Safe to share between threads: each tenant's state is guarded by its own lock, and tenants never share state.
/// State survives a restart through <see cref="CreateSnapshot"/> / <see cref="Restore"/>.
/// </summary>
public sealed class DetectionEngine
{
    private readonly DetectionEngineOptions _options;
    private readonly CompiledRuleSet _defaultRules;
    private readonly ConcurrentDictionary<Guid, TenantState> _tenants = new();

    public DetectionEngine(IEnumerable<DetectionRule> rules, DetectionEngineOptions? options = null)
    {
        _options = options ?? new DetectionEngineOptions();
        _defaultRules = new CompiledRuleSet(rules);
    }

    public DetectionEngineOptions Options => _options;

    public IReadOnlyList<DetectionRule> DefaultRules => [.. _defaultRules.Rules.Select(r => r.Rule)];

    /// <summary>Gives a tenant its own rule set (e.g. built-ins plus its imported Sigma rules, minus disabled ones).
    /// Open windows of rules that keep their id carry over.</summary>
    public void SetTenantRules(Guid tenantId, IEnumerable<DetectionRule> rules)
    {
        var compiled = new CompiledRuleSet(rules);
        var state = _tenants.GetOrAdd(tenantId, _ => new TenantState(_defaultRules));
        lock (state.Gate)
        {
            var previous = state.Rules.Rules.Select((r, i) => (r.Rule.Id, Store: state.Stores[i]))
                .Where(p => p.Store is not null)
                .ToDictionary(p => p.Id, p => p.Store!, StringComparer.OrdinalIgnoreCase);
            state.Rules = compiled;
            state.Stores = new GroupStore?[compiled.Rules.Length];
            state.Version++;
            for (var i = 0; i < compiled.Rules.Length; i++)
            {
                var rule = compiled.Rules[i];
                if (rule.WindowTicks > 0 && previous.TryGetValue(rule.Rule.Id, out var store) && store.WindowTicks == rule.WindowTicks)
                {
                    state.Stores[i] = store;
                }
            }
        }
    }

    /// <summary>Evaluates one event and adds any detections to <paramref name="output"/>; returns how many were added.</summary>
    public int Evaluate(Guid tenantId, NormalizedEvent e, ICollection<DetectionResult> output)
    {
        var state = _tenants.GetOrAdd(tenantId, static (_, rules) => new TenantState(rules), _defaultRules);
        var before = output.Count;
        var context = new EvaluationContext(tenantId, _options.Intel.For(tenantId), _options.Locations);
        lock (state.Gate)
        {
            state.Version++;
            Evaluate(e, context, state, output);
        }
        return output.Count - before;
    }

    // Under the tenant's lock.
    private void Evaluate(NormalizedEvent e, in EvaluationContext context, TenantState state, ICollection<DetectionResult> output)
    {
        var lookup = new RuleLookup(state.Rules);
        Evaluate(e, context, state, output, ref lookup);
    }

    private void Evaluate(NormalizedEvent e, in EvaluationContext context, TenantState state, ICollection<DetectionResult> output, ref RuleLookup lookup)
    {
        Run(lookup.ForCategory(e.EventCategory), e, context, state, output);
        Run(lookup.ForAction(e.EventAction), e, context, state, output);
        Run(state.Rules.ForAnyEvent, e, context, state, output);
        var now = e.Timestamp.UtcTicks;
        if (now >= state.NextSweep)
        {
            state.Sweep(now, _options.SweepInterval.Ticks);
            state.NextSweep = now + _options.SweepInterval.Ticks;
        }
    }

    /// <summary>
    /// Evaluates a chunk of events in order under one hold of the tenant's lock (one lookup and one lock per chunk, not
    /// per event); for each detection added to <paramref name="output"/>, the index of its event is added to
    /// <paramref name="triggeredBy"/>.
    /// </summary>
    public void Evaluate<T>(Guid tenantId, IReadOnlyList<T> items, Func<T, NormalizedEvent> eventOf, List<DetectionResult> output, List<int> triggeredBy)
    {
        var state = _tenants.GetOrAdd(tenantId, static (_, rules) => new TenantState(rules), _defaultRules);
        var context = new EvaluationContext(tenantId, _options.Intel.For(tenantId), _options.Locations);
        lock (state.Gate)
        {
            state.Version++;
            var lookup = new RuleLookup(state.Rules);
            for (var i = 0; i < items.Count; i++)
            {
                var before = output.Count;
                Evaluate(eventOf(items[i]), context, state, output, ref lookup);
                for (var added = output.Count - before; added > 0; added--)
                {
                    triggeredBy.Add(i);
                }
            }
        }
    }

    public IReadOnlyList<DetectionResult> Evaluate(Guid tenantId, IEnumerable<NormalizedEvent> events)
    {
        var output = new List<DetectionResult>();
        foreach (var e in events)
        {
            Evaluate(tenantId, e, output);
        }
        return output;
    }

    /// <summary>Open windows held across all tenants and rules (a memory gauge for the worker).</summary>
    public int OpenWindows => _tenants.Values.Sum(t => t.Count());

    public long DroppedGroups => _tenants.Values.Sum(t => t.Dropped());

    public EngineSnapshot CreateSnapshot(DateTimeOffset? takenAt = null)
    {
        var tenants = new List<TenantSnapshot>();
        foreach (var (tenantId, state) in _tenants)
        {
            tenants.Add(Snapshot(tenantId, state));
        }
        return new EngineSnapshot(EngineSnapshot.CurrentVersion, takenAt, tenants);
    }

    /// <summary>
    /// One tenant's open windows: what a worker saves when it hands the tenant to another (scale-out keeps one owner
    /// per tenant at a time), restored there with <see cref="Forget"/> then <see cref="Restore"/>.
    /// </summary>
    public EngineSnapshot CreateSnapshot(Guid tenantId, DateTimeOffset? takenAt = null) => CreateSnapshot(tenantId, takenAt, out _);

    /// <summary>The same, with the version of the tenant's windows it shows (see <see cref="StateVersion"/>).</summary>
    public EngineSnapshot CreateSnapshot(Guid tenantId, DateTimeOffset? takenAt, out long version)
    {
        version = 0;
        if (!_tenants.TryGetValue(tenantId, out var state))
        {
            return new(EngineSnapshot.CurrentVersion, takenAt, []);
        }
        lock (state.Gate)
        {
            version = state.Version;
            return new(EngineSnapshot.CurrentVersion, takenAt, [Snapshot(tenantId, state)]);
        }
    }

    /// <summary>
    /// Moves whenever anything may have changed the tenant's windows (an evaluation, new rules, a forget or restore):
    /// a snapshot taken at one version still shows the windows while the version is the same.
    /// </summary>
    public long StateVersion(Guid tenantId)
    {
        if (!_tenants.TryGetValue(tenantId, out var state))
        {
            return 0;
        }
        lock (state.Gate)
        {
            return state.Version;
        }
    }

    /// <summary>Drops a tenant's open windows (its rules stay): before a restore replaces them, or when another worker owns them.</summary>
    public void Forget(Guid tenantId)
    {
        if (_tenants.TryGetValue(tenantId, out var state))
        {
            lock (state.Gate)
            {
                state.Stores = new GroupStore?[state.Rules.Rules.Length];
                state.NextSweep = 0;
                state.Version++;
            }
        }
    }

    private static TenantSnapshot Snapshot(Guid tenantId, TenantState state)
    {
        lock (state.Gate)
        {
            var rules = new List<RuleStateSnapshot>();
            for (var i = 0; i < state.Rules.Rules.Length; i++)
            {
                if (state.Stores[i] is { Count: > 0 } store)
                {
                    var rule = state.Rules.Rules[i];
                    rules.Add(new RuleStateSnapshot(rule.Rule.Id, [.. store.Groups.Select(g => CompiledRule.ToSnapshot(g.Key, g.Value))]));
                }
            }
            return new TenantSnapshot(tenantId, rules);
        }
    }

    /// <summary>Loads open windows saved by <see cref="CreateSnapshot"/>. Call after <see cref="SetTenantRules"/>.</summary>
    public void Restore(EngineSnapshot snapshot)
    {
        if (snapshot.Version != EngineSnapshot.CurrentVersion)
        {
            throw new NotSupportedException($"Snapshot version {snapshot.Version} is not supported (expected {EngineSnapshot.CurrentVersion}).");
        }
        foreach (var tenant in snapshot.Tenants)
        {
            var state = _tenants.GetOrAdd(tenant.TenantId, _ => new TenantState(_defaultRules));
            lock (state.Gate)
            {
                state.Version++;
                foreach (var ruleState in tenant.Rules)
                {
                    var index = Array.FindIndex(state.Rules.Rules, r => string.Equals(r.Rule.Id, ruleState.RuleId, StringComparison.OrdinalIgnoreCase));
                    if (index < 0 || state.Rules.Rules[index].WindowTicks == 0)
                    {
                        continue;
                    }
                    var rule = state.Rules.Rules[index];
                    var store = state.StoreFor(index, _options.MaxGroupsPerRule);
                    foreach (var group in ruleState.Groups)
                    {
                        store.Put(group.Key, rule.FromSnapshot(group));
                    }
                }
            }
        }
    }

    private void Run(CompiledRule[] rules, NormalizedEvent e, in EvaluationContext context, TenantState state, ICollection<DetectionResult> output)
    {
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var store = rule.WindowTicks > 0 ? state.StoreFor(rule.Index, _options.MaxGroupsPerRule) : null;
            rule.Evaluate(e, context, store, output);
        }
    }

    // The rules of the last category and action met in a chunk: parsers give most events of a chunk the same category
    // string, and hashing it case-insensitively for every event was a tenth of the engine's time. Lives under the
    // tenant's lock, so the rules cannot change under it.
    private struct RuleLookup(CompiledRuleSet rules)
    {
        private string? _category;
        private CompiledRule[] _categoryRules = [];
        private string? _action;
        private CompiledRule[] _actionRules = [];

        public CompiledRule[] ForCategory(string? category)
        {
            if (!ReferenceEquals(category, _category))
            {
                (_category, _categoryRules) = (category, rules.ForCategory(category));
            }
            return _categoryRules;
        }

        public CompiledRule[] ForAction(string? action)
        {
            if (!ReferenceEquals(action, _action))
            {
                (_action, _actionRules) = (action, rules.ForAction(action));
            }
            return _actionRules;
        }
    }

    private sealed class TenantState(CompiledRuleSet rules)
    {
        public Lock Gate { get; } = new();

        public CompiledRuleSet Rules { get; set; } = rules;

        public GroupStore?[] Stores { get; set; } = new GroupStore?[rules.Rules.Length];

        public long NextSweep { get; set; }

        public long Version { get; set; }

        public GroupStore StoreFor(int index, int maxGroups) =>
            Stores[index] ??= new GroupStore(Rules.Rules[index].WindowTicks, maxGroups);

        public void Sweep(long now, long interval)
        {
            foreach (var store in Stores)
            {
                store?.SweepIfDue(now, interval);
            }
        }

        public int Count()
        {
            lock (Gate)
            {
                return Stores.Sum(s => s?.Count ?? 0);
            }
        }

        public long Dropped()
        {
            lock (Gate)
            {
                return Stores.Sum(s => s?.DroppedGroups ?? 0);
            }
        }
    }
}
