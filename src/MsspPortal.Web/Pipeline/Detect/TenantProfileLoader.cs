using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Intel;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// Brings <see cref="DetectionRuntime"/> up to date for one tenant. Rules and intel are compared by a stamp read
/// from the database on every chunk, so a change made on another node applies at the next chunk; assets and
/// windows are small and simply reloaded once they are a minute old.
/// </summary>
[PipelineEntryPoint]
internal sealed class TenantProfileLoader(PortalDbContext db, DetectionRuntime runtime, TimeProvider clock)
{
    private static readonly TimeSpan ContextMaxAge = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan CatalogMaxAge = TimeSpan.FromMinutes(10);

    public async Task<TenantProfile> GetAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = runtime.Profile(tenantId);
        await RefreshMsspIntelAsync(cancellationToken);

        var rulesStamp = await RuleBook.StampAsync(db, tenantId, cancellationToken);
        var rules = current?.Rules;
        if (current is null || current.RulesStamp != rulesStamp)
        {
            var entries = await RuleBook.LoadAsync(db, tenantId, cancellationToken);
            runtime.Engine.SetTenantRules(tenantId, entries.Where(e => e.Enabled).Select(e => e.Rule));
            rules = entries.ToDictionary(e => e.Rule.Id, StringComparer.OrdinalIgnoreCase);
        }

        var intelStamps = await db.ThreatIntelIndicators.AsNoTracking().Where(i => i.TenantId == tenantId)
            .GroupBy(i => i.ListName).Select(g => new { g.Key, Count = g.Count(), Max = g.Max(i => i.Id) })
            .ToListAsync(cancellationToken);
        var intelStamp = string.Join(';', intelStamps.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Count}:{s.Max}"));
        var lists = current?.IntelLists ?? [];
        if (current is null || current.IntelStamp != intelStamp)
        {
            var indicators = await db.ThreatIntelIndicators.AsNoTracking().Where(i => i.TenantId == tenantId).ToListAsync(cancellationToken);
            var byList = indicators.GroupBy(i => i.ListName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var removed in lists.Where(l => !byList.ContainsKey(l)))
            {
                runtime.Intel.Load(tenantId, removed, []);
            }
            foreach (var (name, rows) in byList)
            {
                runtime.Intel.Load(tenantId, name, rows.Select(r => new ThreatIndicator(r.Type, r.Value, name)
                {
                    Confidence = r.Confidence, ValidFrom = r.ValidFrom, ValidUntil = r.ValidUntil, Description = r.Description, TenantId = tenantId,
                }));
            }
            lists = [.. byList.Keys];
        }

        var assets = current?.Assets;
        var windows = current?.Windows;
        var sla = current?.Sla;
        var suppressions = current?.Suppressions;
        var loadedAt = current?.ContextLoadedAt ?? now;
        if (current is null || now - current.ContextLoadedAt > ContextMaxAge)
        {
            assets = new AssetIndex(await db.Assets.AsNoTracking().Include(a => a.BusinessService).Where(a => a.TenantId == tenantId).ToListAsync(cancellationToken));
            windows = [.. (await db.ProtectionWindows.AsNoTracking().Where(w => w.TenantId == tenantId).ToListAsync(cancellationToken)).Select(AlertScoring.ToCore)];
            sla = await SlaTermsAsync(tenantId, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
            suppressions = await db.AlertSuppressions.AsNoTracking().Where(s => s.TenantId == tenantId && s.Until > now)
                .Select(s => new ActiveSuppression(s.Id, s.RuleId, s.Field, s.Value, s.Until)).ToListAsync(cancellationToken);
            loadedAt = now;
        }

        var profile = new TenantProfile(tenantId, rulesStamp, rules!, intelStamp, lists, assets!, windows!, sla!, loadedAt) { Suppressions = suppressions! };
        runtime.Store(profile);
        return profile;
    }

    // The service levels of the contract in force today (the latest one signed when several overlap); none without one.
    private async Task<IReadOnlyDictionary<AlertSeverity, SlaTerms>> SlaTermsAsync(Guid tenantId, DateOnly today, CancellationToken cancellationToken)
    {
        var contract = await db.ServiceContracts.AsNoTracking().Include(c => c.SlaTargets)
            .Where(c => c.TenantId == tenantId && c.StartsOn <= today && c.EndsOn >= today)
            .OrderByDescending(c => c.StartsOn).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return contract is null
            ? new Dictionary<AlertSeverity, SlaTerms>()
            : contract.SlaTargets.ToDictionary(t => t.Severity, t => new SlaTerms(t.AcknowledgeWithinMinutes, t.ResolveWithinMinutes));
    }

    public async Task<AttackCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (runtime.Catalog is { } cached && now - cached.LoadedAt < CatalogMaxAge)
        {
            return cached.Catalog;
        }
        var catalog = await AttackCatalogs.LoadAsync(db, cancellationToken);
        runtime.Catalog = new CatalogSnapshot(catalog, now);
        return catalog;
    }

    private async Task RefreshMsspIntelAsync(CancellationToken cancellationToken)
    {
        var stamps = await db.MsspIntelIndicators.AsNoTracking()
            .GroupBy(i => i.ListName).Select(g => new { g.Key, Count = g.Count(), Max = g.Max(i => i.Id) })
            .ToListAsync(cancellationToken);
        var stamp = string.Join(';', stamps.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}:{s.Count}:{s.Max}"));
        if (stamp == runtime.MsspIntelStamp)
        {
            return;
        }
        var indicators = await db.MsspIntelIndicators.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var list in indicators.GroupBy(i => i.ListName, StringComparer.Ordinal))
        {
            runtime.Intel.Load(null, list.Key, list.Select(r => new ThreatIndicator(r.Type, r.Value, list.Key)
            {
                Confidence = r.Confidence, ValidFrom = r.ValidFrom, ValidUntil = r.ValidUntil, Description = r.Description,
            }));
        }
        runtime.MsspIntelStamp = stamp;
    }
}

// The imported ATT&amp;CK catalogue, or the built-in one until an admin imports MITRE's. An entry point: the
// committee's retrospective measures coverage against the same catalogue detection uses.
[PipelineEntryPoint]
internal static class AttackCatalogs
{
    public static async Task<AttackCatalog> LoadAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var techniques = await db.AttackTechniques.AsNoTracking().ToListAsync(cancellationToken);
        if (techniques.Count == 0)
        {
            return AttackCatalog.BuiltIn;
        }
        var tactics = await db.AttackTactics.AsNoTracking().OrderBy(t => t.MatrixOrder).ToListAsync(cancellationToken);
        return new AttackCatalog(
            tactics.Count == 0 ? AttackCatalog.EnterpriseTactics : tactics.Select(t => new AttackTactic(t.Id, t.Name, t.ShortName, t.MatrixOrder)),
            techniques.Select(t => new AttackTechnique(t.Id, t.Name, t.TacticIds.Split(',', StringSplitOptions.RemoveEmptyEntries))));
    }
}
