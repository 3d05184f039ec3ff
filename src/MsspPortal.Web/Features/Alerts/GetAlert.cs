using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Pipeline;

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

    // Alerts on the same address, user or host within the incident window, and entity-risk links.
    public IReadOnlyList<Related> RelatedAlerts { get; init; } = [];

    public sealed record Related(long Id, string Title, AlertSeverity Severity, int RiskScore, AlertStatus Status, DateTimeOffset DetectedAt, string Why);

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
        var related = await RelatedAsync(alert, cancellationToken);
        return new AlertDetailsViewModel(alert.Id, tenant, alert.RuleId, alert.Title, alert.Severity, alert.RiskScore, alert.RiskBreakdown,
            alert.Status, assignee, alert.DetectedAt, alert.AcknowledgedAt, alert.ResolvedAt, alert.SourceIp, alert.DestinationIp,
            alert.UserName, alert.HostName, asset, alert.Techniques, alert.EventCount, alert.FirstSeen, alert.LastSeen, history)
        {
            RuleAuthor = alert.RuleAuthor,
            RelatedAlerts = related,
            RiskFactors = Pipeline.AlertScoring.ReadFactors(alert.RiskFactors),
            EventIds = await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == alert.Id).OrderBy(e => e.EventId)
                .Select(e => e.EventId).ToListAsync(cancellationToken),
        };
    }

    // The incident window: alerts this far apart on the same entity are probably one story.
    private static readonly TimeSpan IncidentWindow = TimeSpan.FromHours(24);

    private async Task<List<AlertDetailsViewModel.Related>> RelatedAsync(Alert alert, CancellationToken cancellationToken)
    {
        var from = alert.DetectedAt - IncidentWindow;
        var to = alert.LastSeen + IncidentWindow;
        var linked = await db.AlertContributions.AsNoTracking()
            .Where(c => c.AlertId == alert.Id || c.ContributorId == alert.Id)
            .Select(c => c.AlertId == alert.Id ? c.ContributorId : c.AlertId)
            .ToListAsync(cancellationToken);
        var candidates = await db.Alerts.AsNoTracking()
            .Where(a => a.Id != alert.Id && (linked.Contains(a.Id) || (a.DetectedAt >= from && a.DetectedAt <= to && (
                (alert.SourceIp != null && a.SourceIp == alert.SourceIp)
                || (alert.UserName != null && a.UserName == alert.UserName)
                || (alert.HostName != null && a.HostName == alert.HostName)))))
            .OrderByDescending(a => a.RiskScore).ThenByDescending(a => a.Id)
            .Take(25)
            .Select(a => new { a.Id, a.Title, a.Severity, a.RiskScore, a.Status, a.DetectedAt, a.SourceIp, a.UserName, a.HostName })
            .ToListAsync(cancellationToken);
        return candidates.Select(a => new AlertDetailsViewModel.Related(a.Id, a.Title, a.Severity, a.RiskScore, a.Status, a.DetectedAt,
                linked.Contains(a.Id) ? "entity risk"
                : alert.SourceIp != null && a.SourceIp == alert.SourceIp ? "same source " + a.SourceIp
                : alert.UserName != null && a.UserName == alert.UserName ? "same user " + a.UserName
                : "same host " + a.HostName))
            .ToList();
    }
}
