using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Incidents;

// Filters arrive as the URL says them (status=waiting-on-customer, severity=critical, tenant=harbor-bank).
public sealed record ListIncidents(IncidentStatus? Status, AlertSeverity? Severity, string? Tenant, IncidentCursor? After) : IQuery<IncidentListViewModel>;

public sealed record IncidentCursor(DateTimeOffset OpenedAt, long Id)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{OpenedAt.UtcTicks}-{Id}");

    public static IncidentCursor? Parse(string? value)
    {
        var parts = value?.Split('-');
        return parts is { Length: 2 }
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new IncidentCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
    }
}

public sealed record IncidentListViewModel(IReadOnlyList<IncidentListViewModel.Row> Incidents, IncidentCursor? Next, ListIncidents Filter,
    IReadOnlyList<IncidentListViewModel.TenantOption> Tenants, DateTimeOffset Now)
{
    public sealed record Row(long Id, string Tenant, string TenantSlug, string Title, AlertSeverity Severity, IncidentStatus Status, string? Owner,
        int Alerts, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ClosedAt, DateTimeOffset? AcknowledgeDueAt,
        DateTimeOffset? ResolveDueAt, DateTimeOffset? ClockPausedAt);

    public sealed record TenantOption(string Slug, string Name);
}

internal sealed class ListIncidentsHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<ListIncidents, IncidentListViewModel>
{
    private const int PageSize = 50;

    public async ValueTask<IncidentListViewModel> Handle(ListIncidents query, CancellationToken cancellationToken)
    {
        var incidents = db.Incidents.AsNoTracking();
        if (query.Status is { } status)
        {
            incidents = incidents.Where(i => i.Status == status);
        }
        if (query.Severity is { } severity)
        {
            incidents = incidents.Where(i => i.Severity == severity);
        }
        if (!string.IsNullOrWhiteSpace(query.Tenant))
        {
            // The tenant filter on Tenants keeps a slug outside the caller's reach from matching anything.
            var tenantIds = db.Tenants.Where(t => t.Slug == query.Tenant).Select(t => t.Id);
            incidents = incidents.Where(i => tenantIds.Contains(i.TenantId));
        }
        if (query.After is { } after)
        {
            incidents = incidents.Where(i => i.OpenedAt < after.OpenedAt || (i.OpenedAt == after.OpenedAt && i.Id < after.Id));
        }
        var rows = await incidents
            .OrderByDescending(i => i.OpenedAt).ThenByDescending(i => i.Id)
            .Take(PageSize + 1)
            .Select(i => new IncidentListViewModel.Row(i.Id,
                db.Tenants.Where(t => t.Id == i.TenantId).Select(t => t.Name).First(),
                db.Tenants.Where(t => t.Id == i.TenantId).Select(t => t.Slug).First(),
                i.Title, i.Severity, i.Status,
                i.OwnerId == null ? null : db.Users.Where(u => u.Id == i.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Alerts.Count(a => a.IncidentId == i.Id),
                i.OpenedAt, i.AcknowledgedAt, i.ClosedAt, i.AcknowledgeDueAt, i.ResolveDueAt, i.ClockPausedAt))
            .ToListAsync(cancellationToken);
        var next = rows.Count > PageSize ? new IncidentCursor(rows[PageSize - 1].OpenedAt, rows[PageSize - 1].Id) : null;
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new IncidentListViewModel.TenantOption(t.Slug, t.Name)).ToListAsync(cancellationToken);
        return new IncidentListViewModel(rows.Take(PageSize).ToList(), next, query, tenants, clock.GetUtcNow());
    }
}
