using MsspPortal.Core.Detection;

namespace MsspPortal.Core.Attack;

/// <summary>The tactic × technique matrix the portal shows: which techniques enabled rules cover, and how often they fired.</summary>
public static class AttackCoverage
{
    /// <param name="enabledRules">Rules enabled for the tenant (their technique ids count as coverage).</param>
    /// <param name="alertCounts">Alerts per technique id over the period shown.</param>
    /// <param name="includeUncovered">Also list catalogue techniques with no rule and no alert (the gaps).</param>
    public static CoverageMatrix Compute(
        AttackCatalog catalog,
        IEnumerable<DetectionRule> enabledRules,
        IReadOnlyDictionary<string, int>? alertCounts = null,
        bool includeUncovered = false) =>
        Compute(catalog, enabledRules.SelectMany(r => r.Techniques), alertCounts, includeUncovered);

    public static CoverageMatrix Compute(
        AttackCatalog catalog,
        IEnumerable<string> enabledTechniqueIds,
        IReadOnlyDictionary<string, int>? alertCounts = null,
        bool includeUncovered = false)
    {
        var rules = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var unknown = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in enabledTechniqueIds)
        {
            if (catalog.Find(id) is { } technique)
            {
                rules[technique.Id] = rules.GetValueOrDefault(technique.Id) + 1;
            }
            else
            {
                unknown.Add(id);
            }
        }
        var alerts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, count) in alertCounts ?? new Dictionary<string, int>())
        {
            if (catalog.Find(id) is { } technique)
            {
                alerts[technique.Id] = alerts.GetValueOrDefault(technique.Id) + count;
            }
            else
            {
                unknown.Add(id);
            }
        }

        var columns = catalog.Tactics.Select(tactic => new CoverageColumn(tactic,
            [.. catalog.Techniques
                .Where(t => t.TacticIds.Contains(tactic.Id, StringComparer.OrdinalIgnoreCase))
                .Select(t => new CoverageCell(t, rules.GetValueOrDefault(t.Id), alerts.GetValueOrDefault(t.Id)))
                .Where(c => includeUncovered || c.RuleCount > 0 || c.AlertCount > 0)
                .OrderBy(c => c.Technique.Id, StringComparer.Ordinal)])).ToList();
        return new CoverageMatrix(columns, [.. unknown]);
    }
}

public sealed record CoverageMatrix(IReadOnlyList<CoverageColumn> Columns, IReadOnlyList<string> UnknownTechniqueIds)
{
    public int CoveredTechniques => Columns.SelectMany(c => c.Cells).Where(c => c.RuleCount > 0).Select(c => c.Technique.Id).Distinct().Count();
}

public sealed record CoverageColumn(AttackTactic Tactic, IReadOnlyList<CoverageCell> Cells);

public sealed record CoverageCell(AttackTechnique Technique, int RuleCount, int AlertCount)
{
    public bool Covered => RuleCount > 0;
}
