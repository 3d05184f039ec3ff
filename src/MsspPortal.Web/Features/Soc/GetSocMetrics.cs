using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Soc;

// The SOC's own figures over a time range of detection days [From, To] (UTC, both inclusive; default the last 30 days),
// for every tenant in reach or one (Tenant = slug).
public sealed record GetSocMetrics(DateOnly? From, DateOnly? To, string? Tenant) : IQuery<SocMetricsViewModel>;

public sealed record SocMetricsViewModel(DateOnly From, DateOnly To, string? Tenant, IReadOnlyList<SocMetricsViewModel.TenantOption> Tenants,
    IReadOnlyList<SocMetricsViewModel.Scope> Scopes, IReadOnlyList<SocMetricsViewModel.Analyst> Analysts, IReadOnlyList<SocMetricsViewModel.RuleRate> Rules)
{
    public sealed record TenantOption(string Slug, string Name);

    // "All tenants" (Slug null) first, then each tenant: one row per severity.
    public sealed record Scope(string? Slug, string Name, IReadOnlyList<SeverityRow> Severities);

    public sealed record SeverityRow(AlertSeverity Severity, int Alerts, Figure Detect, Figure Acknowledge, Figure Resolve,
        Attainment AcknowledgeSla, Attainment ResolveSla);

    // Median and 90th percentile in minutes over Count alerts; null when nothing was counted.
    public sealed record Figure(int Count, double? MedianMinutes, double? P90Minutes);

    // Of the alerts whose deadline is decided (done, or the deadline passed), how many were done in time.
    public sealed record Attainment(int Decided, int Met)
    {
        public double? Percent => Decided == 0 ? null : 100.0 * Met / Decided;
    }

    public sealed record Analyst(string? UserId, string Name, string? Email, int Resolved);

    public sealed record RuleRate(string RuleId, int Resolved, int FalsePositives)
    {
        public double Percent => Resolved == 0 ? 0 : 100.0 * FalsePositives / Resolved;
    }
}

internal sealed class GetSocMetricsHandler(PortalDbContext db, TimeProvider clock) : IQueryHandler<GetSocMetrics, SocMetricsViewModel>
{
    public const int DefaultDays = 30;

    // A range beyond a year is cut to a year: the page reads alert rows of the range.
    private const int MaxDays = 366;

    public async ValueTask<SocMetricsViewModel> Handle(GetSocMetrics query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var to = query.To ?? DateOnly.FromDateTime(now.UtcDateTime);
        var from = query.From ?? to.AddDays(-(DefaultDays - 1));
        if (from > to)
        {
            (from, to) = (to, from);
        }
        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            from = to.AddDays(-(MaxDays - 1));
        }
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Slug, t.Name }).ToListAsync(cancellationToken);
        var chosen = string.IsNullOrWhiteSpace(query.Tenant) ? null : tenants.FirstOrDefault(t => t.Slug == query.Tenant);
        var tenantSlug = chosen?.Slug;

        // One indexed range read of the columns the figures need (the tenant filter applies).
        var alerts = db.Alerts.AsNoTracking().Where(a => a.DetectedAt >= start && a.DetectedAt < end);
        if (chosen is not null)
        {
            alerts = alerts.Where(a => a.TenantId == chosen.Id);
        }
        else if (!string.IsNullOrWhiteSpace(query.Tenant))
        {
            alerts = alerts.Where(a => false);
        }
        // A merged duplicate is part of its survivor's attack: counted once, through the survivor, so its merge-time
        // "resolution" neither flatters time-to-resolve nor the service levels.
        var rows = await alerts.Where(a => a.MergedIntoId == null)
            .Select(a => new AlertTimes(a.TenantId, a.Severity, a.FirstSeen, a.DetectedAt, a.AcknowledgedAt, a.ResolvedAt,
                a.AcknowledgeDueAt, a.ResolveDueAt, a.ClockPausedAt))
            .ToListAsync(cancellationToken);

        var scopes = new List<SocMetricsViewModel.Scope> { new(null, chosen?.Name ?? "All tenants", Severities(rows, now)) };
        if (chosen is null)
        {
            var byTenant = rows.ToLookup(r => r.TenantId);
            scopes.AddRange(tenants.Where(t => byTenant.Contains(t.Id)).Select(t => new SocMetricsViewModel.Scope(t.Slug, t.Name, Severities([.. byTenant[t.Id]], now))));
        }
        else
        {
            scopes[0] = scopes[0] with { Slug = chosen.Slug };
        }

        // Who resolved: of the alerts detected in the range, how many each person moved to Resolved (grouped in SQL),
        // which is what the queue's resolved-by filter lists over the same range. Folding a duplicate into another
        // alert is not resolving one: merged duplicates are left out, here and in that filter.
        var resolvedTo = nameof(AlertStatus.Resolved);
        var perAnalyst = await db.AlertHistory.AsNoTracking()
            .Where(h => h.Field == "Status" && h.To == resolvedTo && alerts.Any(a => a.Id == h.AlertId && a.MergedIntoId == null))
            .GroupBy(h => h.UserId).Select(g => new { UserId = g.Key, Count = g.Select(h => h.AlertId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var ids = perAnalyst.Select(a => a.UserId).OfType<string>().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.DisplayName, u.Email }, cancellationToken);
        var analysts = perAnalyst
            .Select(a => new SocMetricsViewModel.Analyst(a.UserId, a.UserId is null ? "system" : people.GetValueOrDefault(a.UserId)?.DisplayName ?? a.UserId,
                a.UserId is null ? null : people.GetValueOrDefault(a.UserId)?.Email, a.Count))
            .OrderByDescending(a => a.Resolved).ThenBy(a => a.Name, StringComparer.Ordinal).ToList();

        // False-positive rate per rule: of the alerts detected in the range and resolved, the share the analysts
        // called false positives (grouped in SQL).
        var resolvedAlerts = alerts.Where(a => a.Disposition != null);
        var perRule = await resolvedAlerts.GroupBy(a => a.RuleId)
            .Select(g => new { RuleId = g.Key, Resolved = g.Count(), FalsePositives = g.Count(a => a.Disposition == AlertDisposition.FalsePositive) })
            .ToListAsync(cancellationToken);
        var rules = perRule.Select(r => new SocMetricsViewModel.RuleRate(r.RuleId, r.Resolved, r.FalsePositives))
            .OrderByDescending(r => r.Percent).ThenByDescending(r => r.Resolved).ThenBy(r => r.RuleId, StringComparer.Ordinal).ToList();

        return new SocMetricsViewModel(from, to, tenantSlug, tenants.Select(t => new SocMetricsViewModel.TenantOption(t.Slug, t.Name)).ToList(),
            scopes, analysts, rules);
    }

    private static List<SocMetricsViewModel.SeverityRow> Severities(IReadOnlyList<AlertTimes> rows, DateTimeOffset now) =>
        Enum.GetValues<AlertSeverity>().Reverse()
            .Select(severity =>
            {
                var of = rows.Where(r => r.Severity == severity).ToList();
                return new SocMetricsViewModel.SeverityRow(severity, of.Count,
                    Figure(of.Select(r => (r.DetectedAt - r.FirstSeen).TotalMinutes)),
                    Figure(of.Where(r => r.AcknowledgedAt is not null).Select(r => (r.AcknowledgedAt!.Value - r.DetectedAt).TotalMinutes)),
                    Figure(of.Where(r => r.ResolvedAt is not null).Select(r => (r.ResolvedAt!.Value - r.DetectedAt).TotalMinutes)),
                    Attain(of.Select(r => (r.AcknowledgeDueAt, r.AcknowledgedAt, r.ClockPausedAt)), now),
                    Attain(of.Select(r => (r.ResolveDueAt, r.ResolvedAt, r.ClockPausedAt)), now));
            })
            .ToList();

    // Nearest-rank percentiles: the median and P90 are minutes some alert really took, not an interpolation.
    internal static SocMetricsViewModel.Figure Figure(IEnumerable<double> minutes)
    {
        var sorted = minutes.Select(m => Math.Max(0, m)).Order().ToList();
        return sorted.Count == 0
            ? new SocMetricsViewModel.Figure(0, null, null)
            : new SocMetricsViewModel.Figure(sorted.Count, Rank(sorted, 0.5), Rank(sorted, 0.9));
    }

    private static double Rank(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    // A deadline counts once decided: done (met when by the deadline, which a pause has already moved), or passed
    // while still open. A paused clock stands at its pause, so a wait on the customer never breaches by itself.
    private static SocMetricsViewModel.Attainment Attain(IEnumerable<(DateTimeOffset? Due, DateTimeOffset? DoneAt, DateTimeOffset? PausedAt)> clocks, DateTimeOffset now)
    {
        var decided = 0;
        var met = 0;
        foreach (var (due, doneAt, pausedAt) in clocks)
        {
            if (due is not { } d)
            {
                continue;
            }
            if (doneAt is { } done)
            {
                decided++;
                met += done <= d ? 1 : 0;
            }
            else if ((pausedAt ?? now) > d)
            {
                decided++;
            }
        }
        return new SocMetricsViewModel.Attainment(decided, met);
    }

    private sealed record AlertTimes(Guid TenantId, AlertSeverity Severity, DateTimeOffset FirstSeen, DateTimeOffset DetectedAt,
        DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? AcknowledgeDueAt, DateTimeOffset? ResolveDueAt, DateTimeOffset? ClockPausedAt);
}

// Links from a figure to the queue, with the queue's readable filter values (status=all: the queue alone shows open
// alerts; disposition and resolved-by for the false-positive and per-analyst figures).
public static class QueueLink
{
    public static string For(string? tenant, DateOnly from, DateOnly to, AlertSeverity? severity = null, string? status = null, string? rule = null,
        string? disposition = null, string? resolvedBy = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("status", status ?? "all");
        Add("severity", severity?.ToString().ToLowerInvariant());
        Add("tenant", tenant);
        Add("rule", rule);
        Add("disposition", disposition);
        Add("resolved-by", resolvedBy);
        Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return "/Alerts?" + string.Join("&", parts);
    }
}
