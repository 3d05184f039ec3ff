using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Data.Configurations;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Features.Alerts;

// The queue: one page of the alerts matching the filter over every tenant in scope, or its groups.
public sealed record ListAlerts(QueueFilter Filter) : IQuery<AlertListViewModel>;

public sealed record AlertListViewModel(
    QueueFilter Filter, IReadOnlyList<AlertListViewModel.Row> Alerts, QueueCursor? Next, IReadOnlyList<AlertListViewModel.Group> Groups,
    DateTimeOffset Now, long Newest)
{
    public sealed record Row(long Id, Guid TenantId, string Tenant, string TenantSlug, string RuleId, string Title, AlertSeverity Severity,
        int RiskScore, AlertStatus Status, string? Assignee, DateTimeOffset DetectedAt, string? MainEntity, string? EntityKind,
        int EventCount, string Techniques, TimeSpan? SlaLeft, bool SlaPaused);

    // Key null: the alerts with no value for the grouping (no entity); they have no link of their own.
    public sealed record Group(string? Key, string Label, int Count, QueueFilter Filter);
}

// The filter as SQL, shared by the page, its groups, the count behind "select all", the bulk route and polling, so
// that all of them mean the same alerts.
internal static class AlertQueue
{
    public const int PageSize = 50;

    public static async ValueTask<IQueryable<Alert>> MatchingAsync(PortalDbContext db, QueueFilter filter, string? userId, CancellationToken cancellationToken)
    {
        // The tenant query filter scopes the rows to the tenants the request may see; this narrows further.
        var alerts = db.Alerts.AsNoTracking();
        alerts = filter.StatusScope switch
        {
            StatusScope.One => alerts.Where(a => a.Status == filter.Status!.Value),
            StatusScope.Open => alerts.Where(a => a.Status != AlertStatus.Resolved),
            _ => alerts,
        };
        if (filter.Severity is { } severity)
        {
            alerts = alerts.Where(a => a.Severity == severity);
        }
        if (filter.Tenant is { } tenant)
        {
            alerts = alerts.Where(a => a.TenantId == tenant.Id);
        }
        if (filter.RiskMin is { } min)
        {
            alerts = alerts.Where(a => a.RiskScore >= min);
        }
        if (filter.RiskMax is { } max && max < 100)
        {
            alerts = alerts.Where(a => a.RiskScore <= max);
        }
        alerts = filter.Assignee switch
        {
            // Nobody signed in is nobody's "me": no rows rather than the unassigned ones.
            AssigneeFilter.Me => alerts.Where(a => userId != null && a.AssigneeId == userId),
            AssigneeFilter.Unassigned => alerts.Where(a => a.AssigneeId == null),
            _ => alerts,
        };
        if (filter.Rule is { } rule)
        {
            alerts = alerts.Where(a => a.RuleId == rule);
        }
        if (filter.Technique is { } technique)
        {
            alerts = alerts.Where(a => a.Techniques.Contains(technique));
        }
        // Open alerts are mostly recent, so a date range over them keeps most rows: the sort's index finds a page
        // sooner than the date index does. Over resolved alerts, or sorted by time, the date index is the right one.
        var byDateIndex = filter.Sort == QueueSort.Time || filter.StatusScope == StatusScope.All
            || (filter.StatusScope == StatusScope.One && filter.Status == AlertStatus.Resolved);
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            alerts = byDateIndex ? alerts.Where(a => a.DetectedAt >= start) : alerts.Where(a => PlannerHints.WithoutIndex(a.DetectedAt) >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            alerts = byDateIndex ? alerts.Where(a => a.DetectedAt < end) : alerts.Where(a => PlannerHints.WithoutIndex(a.DetectedAt) < end);
        }
        if (filter.Text is { } text)
        {
            alerts = await AlertTextSearch.NarrowAsync(db, alerts, text, cancellationToken);
        }
        if (filter.Disposition is { } disposition)
        {
            alerts = alerts.Where(a => a.Disposition == disposition);
        }
        if (filter.ResolvedBy is { } email)
        {
            // Resolved by that person at some point (the history row that moved it to Resolved), as the SOC page counts.
            var normalized = email.ToUpperInvariant();
            var resolved = nameof(AlertStatus.Resolved);
            alerts = alerts.Where(a => a.MergedIntoId == null && db.AlertHistory.Any(h => h.AlertId == a.Id && h.Field == "Status" && h.To == resolved
                && db.Users.Any(u => u.Id == h.UserId && u.NormalizedEmail == normalized)));
        }
        if (filter.Entity is { } entity)
        {
            alerts = alerts.Where(a => (a.UserName ?? a.HostName ?? a.SourceIp) == entity);
        }
        return alerts;
    }

    // Keyset on (sort key, Id) in the sort's direction; page 20,000 costs what page 1 costs.
    public static IQueryable<Alert> Page(IQueryable<Alert> alerts, QueueSort sort, QueueCursor? after)
    {
        switch (sort)
        {
            case QueueSort.Time:
                if (after is { Key: { } ticks })
                {
                    var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                    alerts = alerts.Where(a => a.DetectedAt < at || (a.DetectedAt == at && a.Id < after.Id));
                }
                return alerts.OrderByDescending(a => a.DetectedAt).ThenByDescending(a => a.Id);
            case QueueSort.Sla:
                // Soonest deadline first; alerts without one (no contract) follow, read by Id by SlaTail.
                alerts = alerts.Where(a => EF.Property<DateTimeOffset?>(a, AlertConfiguration.SlaDueAt) != null);
                if (after is { Key: { } due })
                {
                    var at = new DateTimeOffset(due, TimeSpan.Zero);
                    alerts = alerts.Where(a => EF.Property<DateTimeOffset?>(a, AlertConfiguration.SlaDueAt) > at
                        || (EF.Property<DateTimeOffset?>(a, AlertConfiguration.SlaDueAt) == at && a.Id > after.Id));
                }
                return alerts.OrderBy(a => EF.Property<DateTimeOffset?>(a, AlertConfiguration.SlaDueAt)).ThenBy(a => a.Id);
            default:
                if (after is { Key: { } risk })
                {
                    var score = (int)risk;
                    alerts = alerts.Where(a => a.RiskScore < score || (a.RiskScore == score && a.Id < after.Id));
                }
                return alerts.OrderByDescending(a => a.RiskScore).ThenByDescending(a => a.Id);
        }
    }

    public static IQueryable<Alert> SlaTail(IQueryable<Alert> alerts, QueueCursor? after)
    {
        alerts = alerts.Where(a => EF.Property<DateTimeOffset?>(a, AlertConfiguration.SlaDueAt) == null);
        if (after is { Key: null })
        {
            alerts = alerts.Where(a => a.Id > after.Id);
        }
        return alerts.OrderBy(a => a.Id);
    }

    public static QueueCursor CursorOf(QueueSort sort, Fields row) => sort switch
    {
        QueueSort.Time => new QueueCursor(sort, row.DetectedAt.UtcTicks, row.Id),
        QueueSort.Sla => new QueueCursor(sort, row.SlaDueAt?.UtcTicks, row.Id),
        _ => new QueueCursor(sort, row.RiskScore, row.Id),
    };

    public sealed record Fields(long Id, Guid TenantId, string RuleId, string Title, AlertSeverity Severity, int RiskScore, AlertStatus Status,
        string? AssigneeId, DateTimeOffset DetectedAt, string? SourceIp, string? UserName, string? HostName, int EventCount, string Techniques,
        DateTimeOffset? SlaDueAt, DateTimeOffset? ClockPausedAt);

    public static IQueryable<Fields> Select(IQueryable<Alert> alerts) =>
        alerts.Select(a => new Fields(a.Id, a.TenantId, a.RuleId, a.Title, a.Severity, a.RiskScore, a.Status, a.AssigneeId, a.DetectedAt,
            a.SourceIp, a.UserName, a.HostName, a.EventCount, a.Techniques, EF.Property<DateTimeOffset?>(a, AlertConfiguration.SlaDueAt), a.ClockPausedAt));
}

internal sealed class ListAlertsHandler(PortalDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<ListAlerts, AlertListViewModel>
{
    private const int MaxGroups = 100;

    public async ValueTask<AlertListViewModel> Handle(ListAlerts query, CancellationToken cancellationToken)
    {
        var filter = query.Filter;
        var now = clock.GetUtcNow();
        var matching = await AlertQueue.MatchingAsync(db, filter, user.Id, cancellationToken);
        // Polling asks for alerts above this id; read from the primary key, not the filter, so it costs nothing.
        var newest = await db.Alerts.OrderByDescending(a => a.Id).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (filter.Group != QueueGrouping.None)
        {
            return new AlertListViewModel(filter, [], null, await GroupsAsync(matching, filter, cancellationToken), now, newest);
        }

        // A cursor with no key is already in the SLA sort's tail: the alerts with a deadline are behind it.
        var rows = filter is { Sort: QueueSort.Sla, After.Key: null }
            ? []
            : await AlertQueue.Select(AlertQueue.Page(matching, filter.Sort, filter.After)).Take(AlertQueue.PageSize + 1).ToListAsync(cancellationToken);
        if (filter.Sort == QueueSort.Sla && rows.Count <= AlertQueue.PageSize)
        {
            // The deadlines ran out on this page: continue with the alerts that have none.
            var tail = await AlertQueue.Select(AlertQueue.SlaTail(matching, filter.After))
                .Take(AlertQueue.PageSize + 1 - rows.Count).ToListAsync(cancellationToken);
            rows.AddRange(tail);
        }
        var next = rows.Count > AlertQueue.PageSize ? AlertQueue.CursorOf(filter.Sort, rows[AlertQueue.PageSize - 1]) : null;
        rows = [.. rows.Take(AlertQueue.PageSize)];

        var assigneeIds = rows.Select(r => r.AssigneeId).OfType<string>().Distinct().ToList();
        var names = assigneeIds.Count == 0
            ? []
            : await db.Users.Where(u => assigneeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var tenants = tenant.Selectable.ToDictionary(t => t.Id);
        var view = rows.Select(r =>
        {
            var (entity, kind) = r.UserName is not null ? (r.UserName, "user") : r.HostName is not null ? (r.HostName, "host") : r.SourceIp is not null ? (r.SourceIp, "ip") : (null, null);
            var choice = tenants.GetValueOrDefault(r.TenantId);
            var paused = r.Status == AlertStatus.WaitingOnCustomer;
            var left = r.Status == AlertStatus.Resolved ? null : SlaClock.Left(r.SlaDueAt, now, paused ? r.ClockPausedAt ?? now : null);
            return new AlertListViewModel.Row(r.Id, r.TenantId, choice?.Name ?? "?", choice?.Slug ?? "", r.RuleId, r.Title, r.Severity, r.RiskScore,
                r.Status, r.AssigneeId is { } a ? names.GetValueOrDefault(a, "(removed user)") : null, r.DetectedAt, entity, kind, r.EventCount,
                r.Techniques, left, paused);
        }).ToList();
        return new AlertListViewModel(filter, view, next, [], now, newest);
    }

    // Counts per group over everything matching, at most MaxGroups groups, largest first.
    private async Task<IReadOnlyList<AlertListViewModel.Group>> GroupsAsync(IQueryable<Alert> matching, QueueFilter filter, CancellationToken cancellationToken)
    {
        var unpaged = filter with { Group = QueueGrouping.None, After = null };
        switch (filter.Group)
        {
            case QueueGrouping.Tenant:
            {
                var counts = await matching.GroupBy(a => a.TenantId).Select(g => new { g.Key, Count = g.Count() })
                    .OrderByDescending(g => g.Count).Take(MaxGroups).ToListAsync(cancellationToken);
                var tenants = tenant.Selectable.ToDictionary(t => t.Id);
                return [.. counts.Where(c => tenants.ContainsKey(c.Key))
                    .Select(c => new AlertListViewModel.Group(tenants[c.Key].Slug, tenants[c.Key].Name, c.Count, unpaged with { Tenant = tenants[c.Key] }))];
            }
            case QueueGrouping.Rule:
            {
                var counts = await matching.GroupBy(a => a.RuleId).Select(g => new { g.Key, Count = g.Count(), Title = g.Max(a => a.Title) })
                    .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(MaxGroups).ToListAsync(cancellationToken);
                return [.. counts.Select(c => new AlertListViewModel.Group(c.Key, $"{c.Key} — {c.Title}", c.Count, unpaged with { Rule = c.Key }))];
            }
            default:
            {
                var counts = await matching.GroupBy(a => a.UserName ?? a.HostName ?? a.SourceIp).Select(g => new { g.Key, Count = g.Count() })
                    .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(MaxGroups).ToListAsync(cancellationToken);
                return [.. counts.Select(c => new AlertListViewModel.Group(c.Key, c.Key ?? "(no entity)", c.Count, unpaged with { Entity = c.Key }))];
            }
        }
    }
}

// How many alerts match the filter, counted up to a cap: the "select all matching" button shows it and the bulk
// route checks it again, so a count is never a scan of a million rows.
public sealed record CountMatchingAlerts(QueueFilter Filter, int Cap) : IQuery<int>;

internal sealed class CountMatchingAlertsHandler(PortalDbContext db, ICurrentUser user) : IQueryHandler<CountMatchingAlerts, int>
{
    public async ValueTask<int> Handle(CountMatchingAlerts query, CancellationToken cancellationToken) =>
        await (await AlertQueue.MatchingAsync(db, query.Filter with { After = null }, user.Id, cancellationToken)).Take(query.Cap + 1).CountAsync(cancellationToken);
}

// The alerts raised since the page was drawn (id above `since`) that match its filter: a count and the first few, as
// text for the banner. Reads the primary key range, so polling stays cheap.
public sealed record ListNewerAlerts(QueueFilter Filter, long Since) : IQuery<NewerAlerts>;

public sealed record NewerAlerts(int Count, long Newest, IReadOnlyList<NewerAlerts.Item> Alerts)
{
    public sealed record Item(long Id, string Title, string Severity, int Risk, string Tenant);
}

internal sealed class ListNewerAlertsHandler(PortalDbContext db, ITenantContext tenant, ICurrentUser user) : IQueryHandler<ListNewerAlerts, NewerAlerts>
{
    private const int Cap = 99;

    public async ValueTask<NewerAlerts> Handle(ListNewerAlerts query, CancellationToken cancellationToken)
    {
        var rows = await (await AlertQueue.MatchingAsync(db, query.Filter with { After = null }, user.Id, cancellationToken))
            .Where(a => a.Id > query.Since).OrderByDescending(a => a.Id).Take(Cap + 1)
            .Select(a => new { a.Id, a.Title, a.Severity, a.RiskScore, a.TenantId })
            .ToListAsync(cancellationToken);
        var tenants = tenant.Selectable.ToDictionary(t => t.Id, t => t.Name);
        return new NewerAlerts(rows.Count, rows.Count > 0 ? rows[0].Id : query.Since,
            [.. rows.Take(5).Select(r => new NewerAlerts.Item(r.Id, r.Title, r.Severity.ToString(), r.RiskScore, tenants.GetValueOrDefault(r.TenantId, "?")))]);
    }
}

// The ids of the alerts matching the filter, at most Cap: what a confirmed "all matching" bulk action acts on.
public sealed record ListMatchingAlertIds(QueueFilter Filter, int Cap) : IQuery<IReadOnlyList<long>>;

internal sealed class ListMatchingAlertIdsHandler(PortalDbContext db, ICurrentUser user) : IQueryHandler<ListMatchingAlertIds, IReadOnlyList<long>>
{
    public async ValueTask<IReadOnlyList<long>> Handle(ListMatchingAlertIds query, CancellationToken cancellationToken) =>
        await (await AlertQueue.MatchingAsync(db, query.Filter with { After = null }, user.Id, cancellationToken)).OrderBy(a => a.Id).Select(a => a.Id)
            .Take(query.Cap).ToListAsync(cancellationToken);
}
