using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Alerts;

public sealed record GetAlert(long Id) : IQuery<AlertDetailsViewModel?>;

public sealed record AlertDetailsViewModel(
    long Id, string Tenant, string RuleId, string Title, AlertSeverity Severity, int RiskScore, string? RiskBreakdown,
    AlertStatus Status, string? Assignee, DateTimeOffset DetectedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt,
    string? SourceIp, string? DestinationIp, string? UserName, string? HostName, string? Asset, string Techniques,
    int EventCount, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<AlertDetailsViewModel.Change> History)
{
    public string? RuleAuthor { get; init; }

    public IReadOnlyList<MsspPortal.Core.Scoring.RiskFactor> RiskFactors { get; init; } = [];

    public IReadOnlyList<long> EventIds { get; init; } = [];

    public sealed record Change(DateTimeOffset At, string? Who, string Field, string? From, string? To, string? Reason);
}

internal sealed class GetAlertHandler(PortalDbContext db) : IQueryHandler<GetAlert, AlertDetailsViewModel?>
{
    public async ValueTask<AlertDetailsViewModel?> Handle(GetAlert query, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
        if (alert is null)
        {
            return null;
        }
        var tenant = await db.Tenants.Where(t => t.Id == alert.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var asset = alert.AssetId is { } assetId
            ? await db.Assets.Where(a => a.Id == assetId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        var assignee = alert.AssigneeId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        var history = await db.AlertHistory.AsNoTracking().Where(h => h.AlertId == alert.Id)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new AlertDetailsViewModel.Change(h.At,
                h.UserId == null ? null : db.Users.Where(u => u.Id == h.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                h.Field, h.From, h.To, h.Reason))
            .ToListAsync(cancellationToken);
        return new AlertDetailsViewModel(alert.Id, tenant, alert.RuleId, alert.Title, alert.Severity, alert.RiskScore, alert.RiskBreakdown,
            alert.Status, assignee, alert.DetectedAt, alert.AcknowledgedAt, alert.ResolvedAt, alert.SourceIp, alert.DestinationIp,
            alert.UserName, alert.HostName, asset, alert.Techniques, alert.EventCount, alert.FirstSeen, alert.LastSeen, history)
        {
            RuleAuthor = alert.RuleAuthor,
            RiskFactors = Features.Detection.AlertScoring.ReadFactors(alert.RiskFactors),
            EventIds = await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == alert.Id).OrderBy(e => e.EventId)
                .Select(e => e.EventId).ToListAsync(cancellationToken),
        };
    }
}
