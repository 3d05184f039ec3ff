namespace MsspPortal.Core.Detection.Engine;

// Rules bucketed by the event category (else action) their filter requires, so an event only meets the rules that
// could fire on it. The filter still runs: the index only skips rules, it never decides.
internal sealed class CompiledRuleSet
{
    private readonly Dictionary<string, CompiledRule[]> _byCategory;
    private readonly Dictionary<string, CompiledRule[]> _byAction;
    private readonly CompiledRule[] _anyEvent;

    public CompiledRuleSet(IEnumerable<DetectionRule> rules)
    {
        Rules = [.. rules.Select(CompiledRule.For)];
        var duplicate = Rules.GroupBy(r => r.Rule.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Rule id '{duplicate.Key}' is used more than once.", nameof(rules));
        }
        var byCategory = new Dictionary<string, List<CompiledRule>>(StringComparer.OrdinalIgnoreCase);
        var byAction = new Dictionary<string, List<CompiledRule>>(StringComparer.OrdinalIgnoreCase);
        var any = new List<CompiledRule>();
        foreach (var rule in Rules)
        {
            if (rule.IndexValues("event.category") is { } categories)
            {
                Add(byCategory, categories, rule);
            }
            else if (rule.IndexValues("event.action") is { } actions)
            {
                Add(byAction, actions, rule);
            }
            else
            {
                any.Add(rule);
            }
        }
        _byCategory = byCategory.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _byAction = byAction.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
        _anyEvent = [.. any];
        for (var i = 0; i < Rules.Length; i++)
        {
            Rules[i].Index = i;
        }
    }

    public CompiledRule[] Rules { get; }

    public CompiledRule[] ForCategory(string? category) =>
        category is not null && _byCategory.TryGetValue(category, out var rules) ? rules : [];

    public CompiledRule[] ForAction(string? action) =>
        action is not null && _byAction.TryGetValue(action, out var rules) ? rules : [];

    public CompiledRule[] ForAnyEvent => _anyEvent;

    private static void Add(Dictionary<string, List<CompiledRule>> index, IReadOnlyList<string> keys, CompiledRule rule)
    {
        foreach (var key in keys.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!index.TryGetValue(key, out var list))
            {
                index[key] = list = [];
            }
            list.Add(rule);
        }
    }
}
