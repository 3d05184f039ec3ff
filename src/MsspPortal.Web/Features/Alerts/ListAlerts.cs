using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Alerts;

// The queue. OpenOnly hides resolved and false-positive alerts.
public sealed record ListAlerts(AlertStatus? Status, AlertSeverity? Severity, bool OpenOnly, AlertCursor? After) : IQuery<AlertListViewModel>;

public sealed record AlertCursor(DateTimeOffset DetectedAt, long Id)
{
    public override string ToString() => $"{DetectedAt.UtcTicks}-{Id}";

    public static AlertCursor? Parse(string? text)
    {
        var parts = text?.Split('-');
        return parts is [var ticks, var id] && long.TryParse(ticks, out var t) && long.TryParse(id, out var i)
            && t >= DateTimeOffset.MinValue.UtcTicks && t <= DateTimeOffset.MaxValue.UtcTicks
            ? new AlertCursor(new DateTimeOffset(t, TimeSpan.Zero), i)
            : null;
    }
}

public sealed record AlertListViewModel(IReadOnlyList<AlertListViewModel.Row> Alerts, AlertCursor? Next, ListAlerts Filter)
{
    public sealed record Row(long Id, string Tenant, string Title, AlertSeverity Severity, int RiskScore, AlertStatus Status,
        DateTimeOffset DetectedAt, string? SourceIp, string? UserName, string? HostName, int EventCount, string Techniques);
}

internal sealed class ListAlertsHandler(PortalDbContext db) : IQueryHandler<ListAlerts, AlertListViewModel>
{
    private const int PageSize = 50;

    public async ValueTask<AlertListViewModel> Handle(ListAlerts query, CancellationToken cancellationToken)
    {
        var alerts = db.Alerts.AsNoTracking();
        if (query.Status is { } status)
        {
            alerts = alerts.Where(a => a.Status == status);
        }
        else if (query.OpenOnly)
        {
            alerts = alerts.Where(a => a.Status != AlertStatus.Resolved);
        }
        if (query.Severity is { } severity)
        {
            alerts = alerts.Where(a => a.Severity == severity);
        }
        if (query.After is { } after)
        {
            // Keyset, not OFFSET: page 20,000 costs the same as page 1.
            alerts = alerts.Where(a => a.DetectedAt < after.DetectedAt || (a.DetectedAt == after.DetectedAt && a.Id < after.Id));
        }

        var rows = await alerts
            .OrderByDescending(a => a.DetectedAt).ThenByDescending(a => a.Id)
            .Take(PageSize + 1)
            .Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new AlertListViewModel.Row(
                a.Id, t.Name, a.Title, a.Severity, a.RiskScore, a.Status, a.DetectedAt, a.SourceIp, a.UserName, a.HostName, a.EventCount, a.Techniques))
            .ToListAsync(cancellationToken);
        // The join may reorder on some providers; the page must stay in keyset order.
        rows = [.. rows.OrderByDescending(r => r.DetectedAt).ThenByDescending(r => r.Id)];

        var next = rows.Count > PageSize ? new AlertCursor(rows[PageSize - 1].DetectedAt, rows[PageSize - 1].Id) : null;
        return new AlertListViewModel(rows.Take(PageSize).ToList(), next, query);
    }
}
