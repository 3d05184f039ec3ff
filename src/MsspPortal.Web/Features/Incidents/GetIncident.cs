using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Incidents;

public sealed record GetIncident(long Id) : IQuery<IncidentDetailsViewModel?>;

public sealed record IncidentDetailsViewModel(
    long Id, Guid TenantId, string Tenant, string TenantSlug, string Currency, string Title, AlertSeverity Severity, IncidentStatus Status,
    string? OwnerId, string? Owner, DateTimeOffset OpenedAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ClosedAt,
    DateTimeOffset? AcknowledgeDueAt, DateTimeOffset? ResolveDueAt, DateTimeOffset? ClockPausedAt, DateTimeOffset Now)
{
    public IncidentDetailsViewModel.Impact? RecordedImpact { get; init; }

    public IReadOnlyList<LinkedAlert> Alerts { get; init; } = [];

    public IReadOnlyList<Entry> Timeline { get; init; } = [];

    public IReadOnlyList<TaskRow> Tasks { get; init; } = [];

    public IReadOnlyList<Choice> Owners { get; init; } = [];

    public IReadOnlyList<Choice> BusinessServices { get; init; } = [];

    // The closing form as typed, when it was refused: shown again with its reasons.
    public CloseIncident? CloseForm { get; init; }

    public sealed record Impact(string? BusinessService, int? DowntimeMinutes, decimal? ActualLoss, string? LossSource, string? Summary);

    public sealed record LinkedAlert(long Id, string Title, AlertSeverity Severity, int RiskScore, AlertStatus Status, AlertDisposition? Disposition, DateTimeOffset DetectedAt);

    // One line of the timeline: the incident's own history, its alerts' key changes and the comments, in time order.
    public sealed record Entry(DateTimeOffset At, string? Who, string Source, string What, string? Detail);

    public sealed record TaskRow(long Id, string Title, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt);

    public sealed record Choice(string Value, string Name);
}

internal sealed class GetIncidentHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetIncident, IncidentDetailsViewModel?>
{
    // The alert fields an investigation's timeline tells; event-count and rescoring rows would drown it.
    private static readonly string[] KeyAlertFields = ["Status", "Disposition", "AssigneeId", "IncidentId", "Emergency"];

    private const int TimelineLimit = 500;

    public async ValueTask<IncidentDetailsViewModel?> Handle(GetIncident query, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, cancellationToken);
        if (incident is null)
        {
            return null;
        }
        var tenant = await db.Tenants.AsNoTracking().Where(t => t.Id == incident.TenantId)
            .Select(t => new { t.Name, t.Slug, t.Currency }).FirstAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.IncidentId == incident.Id)
            .OrderByDescending(a => a.RiskScore).ThenBy(a => a.Id)
            .Select(a => new IncidentDetailsViewModel.LinkedAlert(a.Id, a.Title, a.Severity, a.RiskScore, a.Status, a.Disposition, a.DetectedAt))
            .ToListAsync(cancellationToken);
        var alertIds = alerts.Select(a => a.Id).ToList();

        var own = await db.IncidentHistory.AsNoTracking().Where(h => h.IncidentId == incident.Id)
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(TimelineLimit)
            .Select(h => new { h.At, h.UserId, h.Field, h.From, h.To, h.Reason }).ToListAsync(cancellationToken);
        var ofAlerts = await db.AlertHistory.AsNoTracking().Where(h => alertIds.Contains(h.AlertId) && KeyAlertFields.Contains(h.Field))
            .OrderByDescending(h => h.At).ThenByDescending(h => h.Id).Take(TimelineLimit)
            .Select(h => new { h.AlertId, h.At, h.UserId, h.Field, h.From, h.To, h.Reason }).ToListAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking().Where(c => c.IncidentId == incident.Id)
            .OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Take(TimelineLimit)
            .Select(c => new { c.At, c.AuthorId, c.Body }).ToListAsync(cancellationToken);
        var tasks = await db.IncidentTasks.AsNoTracking().Where(t => t.IncidentId == incident.Id).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.AssigneeId, t.CreatedAt, t.DoneAt }).ToListAsync(cancellationToken);

        // Names of everyone the page mentions, in one query.
        var userIds = own.Select(h => h.UserId).Concat(ofAlerts.Select(h => h.UserId)).Concat(comments.Select(c => (string?)c.AuthorId))
            .Concat(own.Where(h => h.Field == nameof(Incident.OwnerId)).SelectMany(h => new[] { h.From, h.To }))
            .Concat(ofAlerts.Where(h => h.Field == nameof(Alert.AssigneeId)).SelectMany(h => new[] { h.From, h.To }))
            .Concat(tasks.Select(t => t.AssigneeId)).Append(incident.OwnerId)
            .OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? Name(string? id) => id is null ? null : names.GetValueOrDefault(id, id);

        var timeline = own.Select(h => new IncidentDetailsViewModel.Entry(h.At, Name(h.UserId), "Incident",
                Describe(h.Field, h.Field == nameof(Incident.OwnerId) ? Name(h.From) : h.From, h.Field == nameof(Incident.OwnerId) ? Name(h.To) : h.To), h.Reason))
            .Concat(ofAlerts.Select(h => new IncidentDetailsViewModel.Entry(h.At, Name(h.UserId), $"Alert #{h.AlertId}",
                Describe(h.Field, h.Field == nameof(Alert.AssigneeId) ? Name(h.From) : h.From, h.Field == nameof(Alert.AssigneeId) ? Name(h.To) : h.To), h.Reason)))
            .Concat(comments.Select(c => new IncidentDetailsViewModel.Entry(c.At, Name(c.AuthorId), "Comment", "commented", c.Body)))
            .OrderByDescending(e => e.At).Take(TimelineLimit).ToList();

        var impact = incident.DowntimeMinutes is null && incident.ActualLoss is null && incident.BusinessServiceId is null
            ? null
            : new IncidentDetailsViewModel.Impact(
                incident.BusinessServiceId is { } serviceId
                    ? await db.BusinessServices.Where(s => s.Id == serviceId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken)
                    : null,
                incident.DowntimeMinutes, incident.ActualLoss, incident.LossSource, incident.BusinessImpact);

        // Owners to choose from: the tenant's analysts (who may act on it).
        var owners = await db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == incident.TenantId && m.Role == PortalRole.Analyst)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
            .OrderBy(u => u.DisplayName)
            .ToListAsync(cancellationToken);
        var services = await db.BusinessServices.AsNoTracking().Where(s => s.TenantId == incident.TenantId).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name }).ToListAsync(cancellationToken);

        return new IncidentDetailsViewModel(incident.Id, incident.TenantId, tenant.Name, tenant.Slug, tenant.Currency, incident.Title, incident.Severity,
            incident.Status, incident.OwnerId, Name(incident.OwnerId), incident.OpenedAt, incident.AcknowledgedAt, incident.ClosedAt,
            incident.AcknowledgeDueAt, incident.ResolveDueAt, incident.ClockPausedAt, clock.GetUtcNow())
        {
            RecordedImpact = impact,
            Alerts = alerts,
            Timeline = timeline,
            Tasks = tasks.Select(t => new IncidentDetailsViewModel.TaskRow(t.Id, t.Title, Name(t.AssigneeId), t.CreatedAt, t.DoneAt)).ToList(),
            Owners = owners.DistinctBy(o => o.Id).Select(o => new IncidentDetailsViewModel.Choice(o.Id, o.DisplayName)).ToList(),
            BusinessServices = services.Select(s => new IncidentDetailsViewModel.Choice(s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Name)).ToList(),
        };
    }

    private static string Describe(string field, string? from, string? to) => field switch
    {
        nameof(Incident.OwnerId) or nameof(Alert.AssigneeId) => to is null ? $"unassigned {from}" : $"assigned to {to}",
        "Alerts" => $"alerts linked: {to}",
        "Task" when to == "Done" => $"task done: {from}",
        "Task" => $"task added: {to}",
        "Escalation" => to == "Emergency" ? "escalated as an emergency" : "escalated",
        "Emergency" => "emergency announced",
        "Impact" => $"impact recorded: {to}",
        nameof(Alert.IncidentId) => to is null ? $"taken out of incident {from}" : $"linked to incident {to}",
        _ => from is null ? $"{field}: {to}" : $"{field}: {from} → {to}",
    };
}
