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

    public Guid TenantId { get; init; }

    public string? AssigneeId { get; init; }

    public AlertDisposition? Disposition { get; init; }

    public string? DispositionReason { get; init; }

    public string? BusinessService { get; init; }

    // The SLA clocks as stored, and the instant the page was made (the countdown is computed against it).
    public DateTimeOffset? AcknowledgeDueAt { get; init; }

    public DateTimeOffset? ResolveDueAt { get; init; }

    public DateTimeOffset? ClockPausedAt { get; init; }

    public DateTimeOffset Now { get; init; }

    // The first stored events with their raw lines (attacker-controlled: rendered as text), and how many are stored.
    public IReadOnlyList<Line> Events { get; init; } = [];

    public int StoredEventCount { get; init; }

    // Alerts on the same source address, user or host at any time, in every tenant the reader may see.
    public IReadOnlyList<Similar> SimilarAlerts { get; init; } = [];

    public IReadOnlyList<Note> Comments { get; init; } = [];

    // MSSP staff who may triage the tenant: the choices of the assign form.
    public IReadOnlyList<Person> Staff { get; init; } = [];

    // What a rejected form had typed and why it was refused; empty on a plain GET.
    public AlertForm Form { get; init; } = new("");

    public sealed record Line(long Id, DateTimeOffset Timestamp, string? Source, string RawLine);

    public sealed record Similar(long Id, string Tenant, string Title, AlertSeverity Severity, int RiskScore, AlertStatus Status, DateTimeOffset DetectedAt, string Why);

    public sealed record Note(DateTimeOffset At, string? Author, string Body);

    public sealed record Person(string Id, string Name);

    // The rule's active suppressions in the alert's tenant.
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    public sealed record Suppression(SuppressionField Field, string Value, DateTimeOffset Until, string? By, string Reason, int SuppressedCount);

    // Alerts on the same address, user or host within the incident window, and entity-risk links.
    public IReadOnlyList<Related> RelatedAlerts { get; init; } = [];

    public sealed record Related(long Id, string Title, AlertSeverity Severity, int RiskScore, AlertStatus Status, DateTimeOffset DetectedAt, string Why);

    // The survivor this alert was merged into, and the duplicates merged into this one.
    public long? MergedIntoId { get; init; }

    public IReadOnlyList<Merged> MergedAlerts { get; init; } = [];

    public sealed record Merged(long Id, string Title, int RiskScore, int EventCount, DateTimeOffset DetectedAt);

    public sealed record Change(DateTimeOffset At, string? Who, string Field, string? From, string? To, string? Reason);
}

// The values a rejected action form had, so the page shows them again with the reasons.
public sealed record AlertForm(string Name)
{
    public string? Text { get; init; }

    public AlertStatus? Status { get; init; }

    public AlertDisposition? Disposition { get; init; }

    public string? AssigneeId { get; init; }

    public int? Hours { get; init; }

    public SuppressionField? Field { get; init; }

    public IReadOnlyList<string> Errors { get; init; } = [];

    public bool Is(string name) => string.Equals(Name, name, StringComparison.Ordinal);
}

internal sealed class GetAlertHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetAlert, AlertDetailsViewModel?>
{
    private const int MaxEvents = 50;
    private const int MaxSimilarPerEntity = 10;
    private const int MaxMerged = 100;

    public async ValueTask<AlertDetailsViewModel?> Handle(GetAlert query, CancellationToken cancellationToken)
    {
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == query.Id, cancellationToken);
        if (alert is null)
        {
            return null;
        }
        var tenant = await db.Tenants.Where(t => t.Id == alert.TenantId).Select(t => t.Name).FirstAsync(cancellationToken);
        var asset = alert.AssetId is { } assetId
            ? await db.Assets.Where(a => a.Id == assetId).Select(a => new { a.Name, Service = a.BusinessService == null ? null : a.BusinessService.Name })
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var assignee = alert.AssigneeId is { } userId
            ? await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
            : null;
        var rows = await db.AlertHistory.AsNoTracking().Where(h => h.AlertId == alert.Id)
            .OrderBy(h => h.At).ThenBy(h => h.Id)
            .Select(h => new { h.At, h.UserId, h.Field, h.From, h.To, h.Reason })
            .ToListAsync(cancellationToken);
        var comments = await db.Comments.AsNoTracking().Where(c => c.AlertId == alert.Id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new { c.At, c.AuthorId, c.Body }).ToListAsync(cancellationToken);
        // Assignments store user ids; the page shows names.
        var userIds = rows.Select(h => h.UserId)
            .Concat(rows.Where(h => h.Field == nameof(Alert.AssigneeId)).SelectMany(h => new[] { h.From, h.To }))
            .Concat(comments.Select(c => c.AuthorId))
            .OfType<string>().Distinct().ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string? NameOf(string? id) => id is null ? null : names.GetValueOrDefault(id, id);
        var history = rows.Select(h => h.Field == nameof(Alert.AssigneeId)
                ? new AlertDetailsViewModel.Change(h.At, NameOf(h.UserId), "Assignee", NameOf(h.From), NameOf(h.To), h.Reason)
                : new AlertDetailsViewModel.Change(h.At, NameOf(h.UserId), h.Field, h.From, h.To, h.Reason))
            .ToList();
        var events = await (from link in db.AlertEvents.AsNoTracking()
                            where link.AlertId == alert.Id
                            join e in db.SecurityEvents.AsNoTracking() on link.EventId equals e.Id
                            orderby e.Timestamp, e.Id
                            select new AlertDetailsViewModel.Line(e.Id, e.Timestamp,
                                db.LogSources.Where(s => s.Id == e.LogSourceId).Select(s => s.Name).FirstOrDefault(), e.RawLine))
            .Take(MaxEvents).ToListAsync(cancellationToken);
        var related = await RelatedAsync(alert, cancellationToken);
        return new AlertDetailsViewModel(alert.Id, tenant, alert.RuleId, alert.Title, alert.Severity, alert.RiskScore, alert.RiskBreakdown,
            alert.Status, assignee, alert.DetectedAt, alert.AcknowledgedAt, alert.ResolvedAt, alert.SourceIp, alert.DestinationIp,
            alert.UserName, alert.HostName, asset?.Name, alert.Techniques, alert.EventCount, alert.FirstSeen, alert.LastSeen, history)
        {
            RuleAuthor = alert.RuleAuthor,
            RelatedAlerts = related,
            RiskFactors = Pipeline.AlertScoring.ReadFactors(alert.RiskFactors),
            TenantId = alert.TenantId,
            AssigneeId = alert.AssigneeId,
            Disposition = alert.Disposition,
            DispositionReason = alert.DispositionReason,
            BusinessService = asset?.Service,
            AcknowledgeDueAt = alert.AcknowledgeDueAt,
            ResolveDueAt = alert.ResolveDueAt,
            ClockPausedAt = alert.ClockPausedAt,
            Now = clock.GetUtcNow(),
            Events = events,
            StoredEventCount = events.Count < MaxEvents ? events.Count : await db.AlertEvents.CountAsync(e => e.AlertId == alert.Id, cancellationToken),
            SimilarAlerts = await SimilarAsync(alert, cancellationToken),
            Comments = [.. comments.Select(c => new AlertDetailsViewModel.Note(c.At, NameOf(c.AuthorId), c.Body))],
            Staff = await StaffAsync(alert.TenantId, cancellationToken),
            Suppressions = await SuppressionsAsync(alert, cancellationToken),
            MergedIntoId = alert.MergedIntoId,
            // On the partial index of merged alerts: a read of the few rows merged here.
            MergedAlerts = await db.Alerts.AsNoTracking().Where(a => a.MergedIntoId == alert.Id)
                .OrderBy(a => a.DetectedAt).ThenBy(a => a.Id).Take(MaxMerged)
                .Select(a => new AlertDetailsViewModel.Merged(a.Id, a.Title, a.RiskScore, a.EventCount, a.DetectedAt))
                .ToListAsync(cancellationToken),
        };
    }

    // One bounded query per entity, each on its own index (entity, newest first); the tenant filter limits them to
    // the tenants the reader may see, and the tenant is shown because an address seen at two customers matters.
    private async Task<List<AlertDetailsViewModel.Similar>> SimilarAsync(Alert alert, CancellationToken cancellationToken)
    {
        var found = new List<AlertDetailsViewModel.Similar>();
        async Task AddAsync(IQueryable<Alert> matches, string why)
        {
            found.AddRange(await matches.Where(a => a.Id != alert.Id)
                .OrderByDescending(a => a.DetectedAt).ThenByDescending(a => a.Id)
                .Take(MaxSimilarPerEntity)
                .Select(a => new AlertDetailsViewModel.Similar(a.Id, db.Tenants.Where(t => t.Id == a.TenantId).Select(t => t.Name).FirstOrDefault() ?? "",
                    a.Title, a.Severity, a.RiskScore, a.Status, a.DetectedAt, why))
                .ToListAsync(cancellationToken));
        }
        var alerts = db.Alerts.AsNoTracking();
        if (alert.SourceIp is { } ip)
        {
            await AddAsync(alerts.Where(a => a.SourceIp == ip), "same source " + ip);
        }
        if (alert.UserName is { } user)
        {
            await AddAsync(alerts.Where(a => a.UserName == user), "same user " + user);
        }
        if (alert.HostName is { } host)
        {
            await AddAsync(alerts.Where(a => a.HostName == host), "same host " + host);
        }
        return [.. found.DistinctBy(s => s.Id).OrderByDescending(s => s.DetectedAt)];
    }

    private async Task<List<AlertDetailsViewModel.Suppression>> SuppressionsAsync(Alert alert, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.AlertSuppressions.AsNoTracking()
            .Where(s => s.TenantId == alert.TenantId && s.RuleId == alert.RuleId && s.Until > now)
            .OrderBy(s => s.Until)
            .Select(s => new AlertDetailsViewModel.Suppression(s.Field, s.Value, s.Until,
                db.Users.Where(u => u.Id == s.CreatedBy).Select(u => u.DisplayName).FirstOrDefault(), s.Reason, s.SuppressedCount))
            .ToListAsync(cancellationToken);
    }

    // The tenant's analysts and the platform admins: the people the assign form offers.
    private async Task<List<AlertDetailsViewModel.Person>> StaffAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var analysts = db.Memberships.Where(m => m.TenantId == tenantId && m.Role == PortalRole.Analyst).Select(m => m.UserId);
        var admins = from ur in db.UserRoles
                     join r in db.Roles on ur.RoleId equals r.Id
                     where r.Name == nameof(PortalRole.PlatformAdmin)
                     select ur.UserId;
        return await db.Users.Where(u => analysts.Contains(u.Id) || admins.Contains(u.Id))
            .OrderBy(u => u.DisplayName)
            .Select(u => new AlertDetailsViewModel.Person(u.Id, u.DisplayName))
            .ToListAsync(cancellationToken);
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
