using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value;

// The business owner's first look: what the SOC handled in the last 30 days. The full value model (losses avoided,
// hours saved, value-based fees) comes with the value-report feature; these figures are its inputs.
public sealed record GetValueOverview : IQuery<ValueOverviewViewModel>;

public sealed record ValueOverviewViewModel(
    IReadOnlyList<string> Tenants, int AlertsHandled, int ThreatsStopped, int FalsePositives, int OpenAlerts,
    double? MeanMinutesToAcknowledge, double? MeanMinutesToResolve, IReadOnlyDictionary<AlertSeverity, int> BySeverity,
    int CriticalAssets, DateTimeOffset From, DateTimeOffset To);

internal sealed class GetValueOverviewHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetValueOverview, ValueOverviewViewModel>
{
    public async ValueTask<ValueOverviewViewModel> Handle(GetValueOverview query, CancellationToken cancellationToken)
    {
        var to = clock.GetUtcNow();
        var from = to.AddDays(-30);
        // A merged duplicate counts through its survivor: one attack, one threat stopped or one false positive.
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.DetectedAt >= from && a.MergedIntoId == null)
            .Select(a => new { a.Severity, a.Status, a.Disposition, a.DetectedAt, a.AcknowledgedAt, a.ResolvedAt })
            .ToListAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        var criticalAssets = await db.Assets.CountAsync(a => a.Criticality >= 4, cancellationToken);

        var acknowledged = alerts.Where(a => a.AcknowledgedAt is not null).Select(a => (a.AcknowledgedAt!.Value - a.DetectedAt).TotalMinutes).ToList();
        var resolved = alerts.Where(a => a.ResolvedAt is not null).Select(a => (a.ResolvedAt!.Value - a.DetectedAt).TotalMinutes).ToList();
        return new ValueOverviewViewModel(
            tenants,
            alerts.Count,
            alerts.Count(a => a.Status == AlertStatus.Resolved && a.Disposition != AlertDisposition.FalsePositive),
            alerts.Count(a => a.Disposition == AlertDisposition.FalsePositive),
            alerts.Count(a => a.Status != AlertStatus.Resolved),
            acknowledged.Count > 0 ? acknowledged.Average() : null,
            resolved.Count > 0 ? resolved.Average() : null,
            Enum.GetValues<AlertSeverity>().ToDictionary(s => s, s => alerts.Count(a => a.Severity == s)),
            criticalAssets,
            from,
            to);
    }
}
