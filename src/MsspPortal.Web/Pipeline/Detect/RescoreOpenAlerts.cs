using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Core.Intel;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Pipeline;

// Recomputes the score of the current tenant's open alerts from today's assets, intel and protection windows.
// Re-entrant: an alert whose score does not change gets no history row, so a rerun writes nothing.
public sealed record RescoreOpenAlerts : ICommand<int>;

public sealed record ListTenantIds : IQuery<IReadOnlyList<Guid>>;

internal sealed class RescoreOpenAlertsHandler(PortalDbContext db, ITenantContext tenant, TenantProfileLoader loader, DetectionRuntime runtime, TimeProvider clock)
    : ICommandHandler<RescoreOpenAlerts, int>, IQueryHandler<ListTenantIds, IReadOnlyList<Guid>>
{
    public async ValueTask<int> Handle(RescoreOpenAlerts command, CancellationToken cancellationToken)
    {
        var tenantId = tenant.SingleTenantId ?? throw new InvalidOperationException("Rescoring runs for one tenant: call ITenantContext.Use first.");
        runtime.Invalidate(tenantId); // read assets and windows as they are now, not as cached a minute ago
        var profile = await loader.GetAsync(tenantId, cancellationToken);
        var catalog = await loader.CatalogAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var alerts = await db.Alerts
            .Where(a => a.TenantId == tenantId && a.BaseRisk != null && a.Status != AlertStatus.Resolved)
            .ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var alert in alerts)
        {
            var asset = profile.Assets.Match(alert.HostName, alert.DestinationIp, alert.SourceIp);
            var intel = alert.IntelConfidence is null ? null : CurrentConfidence(tenantId, alert) ?? alert.IntelConfidence;
            var score = AlertScoring.Score(alert.BaseRisk!.Value, alert.LastSeen, asset, intel,
                alert.Techniques.Split(',', StringSplitOptions.RemoveEmptyEntries), profile.Windows, catalog);
            if (score.Value == alert.RiskScore)
            {
                continue;
            }
            alert.Rescore(score.Value, score.Explanation, now, "Context changed: asset, threat intel or protection window", AlertScoring.FactorsJson(score),
                asset?.Id, intel);
            changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    public async ValueTask<IReadOnlyList<Guid>> Handle(ListTenantIds query, CancellationToken cancellationToken) =>
        await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(cancellationToken);

    private int? CurrentConfidence(Guid tenantId, Alert alert) =>
        runtime.Intel.TryMatch(tenantId, IndicatorType.IpAddress, alert.DestinationIp, alert.LastSeen, out var byDestination) ? byDestination.Confidence
        : runtime.Intel.TryMatch(tenantId, IndicatorType.IpAddress, alert.SourceIp, alert.LastSeen, out var bySource) ? bySource.Confidence
        : null;
}
