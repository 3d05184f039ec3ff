using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.Core.Detection.Sigma;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// One rule as a tenant sees it: a built-in with the tenant's setting, or one of its own rules.
public sealed record RuleEntry(DetectionRule Rule, bool Enabled, long? TenantRuleId, int? ThresholdOverride, int? WindowSecondsOverride = null)
{
    public bool IsBuiltIn => TenantRuleId is null;

    public string Author => Rule.Provenance.Author;
}

/// <summary>
/// A tenant's rule set: MSSP-wide built-ins (code, shared) with the tenant's on/off and threshold settings, plus
/// the tenant's own Sigma rules. Stored rules are re-imported from their YAML, so what runs is what is shown.
/// </summary>
[PipelineEntryPoint]
internal static class RuleBook
{
    public static async Task<IReadOnlyList<RuleEntry>> LoadAsync(PortalDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var settings = await db.TenantRuleSettings.AsNoTracking().Where(s => s.TenantId == tenantId).ToListAsync(cancellationToken);
        var own = await db.TenantRules.AsNoTracking().Where(r => r.TenantId == tenantId).OrderBy(r => r.Title).ToListAsync(cancellationToken);
        var byRule = settings.ToDictionary(s => s.RuleId, StringComparer.OrdinalIgnoreCase);
        var entries = new List<RuleEntry>();
        foreach (var rule in BuiltInRules.All)
        {
            var setting = byRule.GetValueOrDefault(rule.Id);
            var tuned = WithWindow(WithThreshold(rule, setting?.ThresholdOverride), setting?.WindowSecondsOverride);
            entries.Add(new RuleEntry(tuned, setting?.Enabled ?? true, null, setting?.ThresholdOverride, setting?.WindowSecondsOverride));
        }
        foreach (var row in own)
        {
            if (ToRule(row) is { } rule)
            {
                entries.Add(new RuleEntry(rule, row.Enabled, row.Id, null));
            }
        }
        return entries;
    }

    // A stamp that changes whenever the tenant's rules or settings do, cheap enough to read per chunk.
    public static async Task<string> StampAsync(PortalDbContext db, Guid tenantId, CancellationToken cancellationToken)
    {
        var rules = await db.TenantRules.AsNoTracking().Where(r => r.TenantId == tenantId)
            .Select(r => new { r.Id, r.UpdatedAt, r.Enabled }).ToListAsync(cancellationToken);
        var settings = await db.TenantRuleSettings.AsNoTracking().Where(s => s.TenantId == tenantId)
            .Select(s => new { s.Id, s.UpdatedAt, s.Enabled, s.ThresholdOverride, s.WindowSecondsOverride }).ToListAsync(cancellationToken);
        return string.Join(';', rules.OrderBy(r => r.Id).Select(r => $"r{r.Id}:{r.UpdatedAt.UtcTicks}:{r.Enabled}")
            .Concat(settings.OrderBy(s => s.Id).Select(s => $"s{s.Id}:{s.UpdatedAt.UtcTicks}:{s.Enabled}:{s.ThresholdOverride}:{s.WindowSecondsOverride}")));
    }

    public static DetectionRule? ToRule(TenantRule row)
    {
        var result = SigmaRuleImporter.Import(row.SigmaYaml, "tenant");
        // The row's id wins: alert keys and settings refer to it even if the YAML's id was edited.
        return result.Succeeded ? result.Rule with { Id = row.RuleId } : null;
    }

    public static DetectionRule WithThreshold(DetectionRule rule, int? threshold) => threshold switch
    {
        null => rule,
        { } count => rule switch
        {
            ThresholdRule t => t with { Count = count },
            DistinctCountRule d => d with { Count = count },
            SequenceRule s => s with { FirstCount = count },
            _ => rule,
        },
    };

    // The rule with its window replaced. The alert-grouping window follows it, as the Sigma import sets it, so a
    // longer window does not split one slow attack into several alerts.
    public static DetectionRule WithWindow(DetectionRule rule, int? seconds) => seconds switch
    {
        null => rule,
        { } s => rule switch
        {
            ThresholdRule t => t with { Window = TimeSpan.FromSeconds(s), DedupWindow = TimeSpan.FromSeconds(s) },
            DistinctCountRule d => d with { Window = TimeSpan.FromSeconds(s), DedupWindow = TimeSpan.FromSeconds(s) },
            SequenceRule q => q with { Window = TimeSpan.FromSeconds(s), DedupWindow = TimeSpan.FromSeconds(s) },
            _ => rule,
        },
    };

    // The window a windowed rule counts over, for display and the window field.
    public static TimeSpan? WindowOf(DetectionRule rule) => rule switch
    {
        ThresholdRule t => t.Window,
        DistinctCountRule d => d.Window,
        SequenceRule s => s.Window,
        _ => null,
    };

    // The count a windowed rule fires at, for display and the threshold field.
    public static int? ThresholdOf(DetectionRule rule) => rule switch
    {
        ThresholdRule t => t.Count,
        DistinctCountRule d => d.Count,
        SequenceRule s => s.FirstCount,
        _ => null,
    };
}
