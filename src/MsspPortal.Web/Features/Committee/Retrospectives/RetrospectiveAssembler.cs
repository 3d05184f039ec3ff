using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// Reads the quarter's records into a pack. Everything is read in the tenant's time zone; lists are sorted and no
// assembly time goes in, so assembling twice from the same records gives the same pack (and hash). Built by the
// handlers with their own clock (the demo's, a test's), so it is not a registered service.
internal sealed partial class RetrospectiveAssembler(PortalDbContext db, ISender sender, TimeProvider clock)
{
    // The figures whose trend the pack and its chart show.
    public static readonly IReadOnlyList<string> HeadlineKeys =
    [
        ValueKeys.AttacksStopped, ValueKeys.LossAvoided, ValueKeys.InterruptionMinutes, ValueKeys.ActualLoss, ValueKeys.SlaAttainment,
        ValueKeys.FraudRate, ValueKeys.CustomerHoursFreed,
    ];

    // Per severity, then "" for all severities together.
    private static readonly string[] SlaRows = ["critical", "high", "medium", "low", ""];

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public sealed record Quarter(int Year, int Number, TimeZoneInfo Zone)
    {
        public DateOnly FirstDay => new(Year, (Number - 1) * 3 + 1, 1);

        public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

        public DateTimeOffset From => Start(FirstDay);

        public DateTimeOffset To => Start(FirstDay.AddMonths(3));

        public IEnumerable<DateOnly> Months => Enumerable.Range(0, 3).Select(FirstDay.AddMonths);

        // Local midnight of a day in the tenant's zone, as an instant.
        public DateTimeOffset Start(DateOnly day)
        {
            var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
        }

        public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
    }

    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    public async Task<RetrospectivePack> AssembleAsync(Tenant tenant, Quarter quarter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sources = new List<ValueFigures>();
        var months = await ValueAsync(tenant.Id, quarter, now, sources, cancellationToken);
        return new RetrospectivePack(tenant.Name, tenant.Currency, tenant.TimeZone, quarter.Year, quarter.Number, quarter.FirstDay, quarter.LastDay,
            await IncidentsAsync(tenant.Id, quarter, cancellationToken),
            new RetrospectivePack.ValueSection(months, Trend(months)),
            Sla(months, sources),
            await CoverageAsync(tenant.Id, quarter, cancellationToken),
            await ActionItemsAsync(tenant.Id, quarter, now, cancellationToken),
            await GoalsAsync(tenant.Id, quarter, months, cancellationToken),
            await DisputesAsync(tenant.Id, quarter, cancellationToken),
            await ActivationsAsync(tenant.Id, quarter, cancellationToken));
    }

    private async Task<RetrospectivePack.IncidentSection> IncidentsAsync(Guid tenantId, Quarter q, CancellationToken cancellationToken)
    {
        var (from, to) = (q.From, q.To);
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.TenantId == tenantId && ((i.OpenedAt >= from && i.OpenedAt < to) || (i.ClosedAt >= from && i.ClosedAt < to)))
            .ToListAsync(cancellationToken);
        var serviceIds = incidents.Where(i => i.BusinessServiceId is not null).Select(i => i.BusinessServiceId!.Value).Distinct().ToList();
        var services = await db.BusinessServices.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var rows = incidents.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id)
            .Select(i => new RetrospectivePack.IncidentRow(i.Id, i.Title, i.Severity, i.Status, i.OpenedAt, i.ClosedAt,
                i.BusinessServiceId is { } s ? services.GetValueOrDefault(s) : null, i.DowntimeMinutes, i.ActualLoss, i.LossSource))
            .ToList();
        var bySeverity = Enum.GetValues<AlertSeverity>().Reverse()
            .Select(s => rows.Where(r => r.Severity == s).ToList())
            .Where(g => g.Count > 0)
            .Select(g => new RetrospectivePack.SeverityRow(g[0].Severity, g.Count, g.Sum(r => r.DowntimeMinutes ?? 0), g.Sum(r => r.ActualLoss ?? 0)))
            .ToList();
        return new RetrospectivePack.IncidentSection(rows.Count, rows.Sum(r => r.DowntimeMinutes ?? 0), rows.Sum(r => r.ActualLoss ?? 0), bySeverity, rows);
    }

    // A month's figures: a published report's snapshot first (what the customer was shown), a draft's next, else the
    // value model now. Months that have not started are left out.
    private async Task<List<RetrospectivePack.MonthFigures>> ValueAsync(Guid tenantId, Quarter q, DateTimeOffset now, List<ValueFigures> sources,
        CancellationToken cancellationToken)
    {
        var (first, last) = (q.FirstDay, q.FirstDay.AddMonths(2));
        var reports = await db.ValueReports.AsNoTracking().Where(r => r.TenantId == tenantId && r.Month >= first && r.Month <= last).ToListAsync(cancellationToken);
        var result = new List<RetrospectivePack.MonthFigures>();
        foreach (var month in q.Months.Where(m => q.Start(m) <= now))
        {
            var report = reports.Where(r => r.Month == month).OrderByDescending(r => r.IsPublished).ThenByDescending(r => r.Id).FirstOrDefault();
            ValueFigures figures;
            FigureSource source;
            if (report is not null && JsonSerializer.Deserialize<StoredSnapshot>(report.Snapshot, SnapshotJson)?.Figures is { } stored)
            {
                (figures, source) = (stored, report.IsPublished ? FigureSource.PublishedReport : FigureSource.DraftReport);
            }
            else
            {
                (figures, source) = (await sender.Send(new ComputeMonthlyValue(tenantId, month.Year, month.Month), cancellationToken), FigureSource.ComputedAtAssembly);
                report = null;
            }
            sources.Add(figures);
            result.Add(new RetrospectivePack.MonthFigures(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), source, report?.Id, report?.Status.ToString(),
                report?.ContentHash,
                [.. figures.Figures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new RetrospectivePack.Figure(f.Key, f.Label, f.Unit, f.Value, f.Low, f.High))]));
        }
        return result;
    }

    private static List<RetrospectivePack.TrendRow> Trend(List<RetrospectivePack.MonthFigures> months) =>
    [
        .. HeadlineKeys.Select(key => (Key: key, Figures: months.Select(m => m.Figures.FirstOrDefault(f => f.Key == key)).ToList()))
            .Where(x => x.Figures.Any(f => f is not null))
            .Select(x =>
            {
                var values = x.Figures.Select(f => f?.Value).ToList();
                var known = values.Where(v => v is not null).ToList();
                var sample = x.Figures.First(f => f is not null)!;
                return new RetrospectivePack.TrendRow(x.Key, sample.Label, sample.Unit, values, known.Count >= 2 ? known[^1] - known[0] : null);
            }),
    ];

    // Attainment per severity and month. The value model writes "deadlines met / deadlines decided × 100 = {met} /
    // {decided} × 100" in each attainment figure's formula: the counts are read back from it so the quarter is weighted
    // by deadlines, not by months (null when a formula does not carry them).
    private static List<RetrospectivePack.SlaRow> Sla(List<RetrospectivePack.MonthFigures> months, List<ValueFigures> sources) =>
    [
        .. SlaRows.Select(severity =>
        {
            var key = severity.Length == 0 ? ValueKeys.SlaAttainment : ValueKeys.SlaAttainment + "." + severity;
            var (met, decided, counted) = (0, 0, true);
            foreach (var figure in sources.Select(f => f.Find(key)).Where(f => f is not null))
            {
                if (Counts().Match(figure!.Formula) is { Success: true } match)
                {
                    met += int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                    decided += int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                }
                else
                {
                    counted = false;
                }
            }
            return new RetrospectivePack.SlaRow(severity.Length == 0 ? "all" : severity, [.. months.Select(m => m.Figures.FirstOrDefault(f => f.Key == key)?.Value)],
                counted ? met : null, counted ? decided : null, counted && decided > 0 ? Math.Round(100m * met / decided, 1) : null);
        }),
    ];

    [GeneratedRegex(@"= (\d+) / (\d+) ×")]
    private static partial Regex Counts();

    // Rule history is not stored (a rule or setting keeps only its current state and last change), so coverage at a
    // date is measured as today's enabled rules less the tenant's own rules created after that date; rules switched
    // or tuned during the quarter are listed with their state today. What alerts showed is measured per month.
    private async Task<RetrospectivePack.CoverageSection> CoverageAsync(Guid tenantId, Quarter q, CancellationToken cancellationToken)
    {
        var (from, to) = (q.From, q.To);
        var catalog = await AttackCatalogs.LoadAsync(db, cancellationToken);
        var entries = await RuleBook.LoadAsync(db, tenantId, cancellationToken);
        var own = await db.TenantRules.AsNoTracking().Where(r => r.TenantId == tenantId).ToListAsync(cancellationToken);
        var settings = await db.TenantRuleSettings.AsNoTracking().Where(s => s.TenantId == tenantId).ToListAsync(cancellationToken);
        var createdAt = own.ToDictionary(r => r.Id, r => r.CreatedAt);
        SortedSet<string> CoveredAt(DateTimeOffset at) => new(entries
            .Where(e => e.Enabled && (e.TenantRuleId is not { } id || createdAt[id] < at))
            .SelectMany(e => e.Rule.Techniques).Select(t => catalog.Find(t)?.Id ?? t), StringComparer.Ordinal);
        var (start, end) = (CoveredAt(from), CoveredAt(to));
        RetrospectivePack.Technique Named(string id) => new(id, catalog.Find(id)?.Name ?? id);

        var changes = own.Where(r => r.CreatedAt >= from && r.CreatedAt < to)
            .Select(r => new RetrospectivePack.RuleChange(r.RuleId, r.Title, "added", q.LocalDate(r.CreatedAt), r.Enabled))
            .Concat(own.Where(r => r.UpdatedAt >= from && r.UpdatedAt < to && r.UpdatedAt != r.CreatedAt)
                .Select(r => new RetrospectivePack.RuleChange(r.RuleId, r.Title, "changed (last change in the quarter)", q.LocalDate(r.UpdatedAt), r.Enabled)))
            .Concat(settings.Where(s => s.UpdatedAt >= from && s.UpdatedAt < to)
                .Select(s => new RetrospectivePack.RuleChange(s.RuleId, entries.FirstOrDefault(e => e.IsBuiltIn && e.Rule.Id == s.RuleId)?.Rule.Title ?? s.RuleId,
                    "switched or tuned (last change in the quarter)", q.LocalDate(s.UpdatedAt), s.Enabled)))
            .OrderBy(c => c.On).ThenBy(c => c.RuleId, StringComparer.Ordinal).ToList();

        var previous = q.Start(q.FirstDay.AddMonths(-3));
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.MergedIntoId == null && a.DetectedAt >= previous && a.DetectedAt < to && a.Techniques != "")
            .Select(a => new { a.DetectedAt, a.Techniques }).ToListAsync(cancellationToken);
        static IEnumerable<string> Split(string techniques) => techniques.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var seen = q.Months.Select(m =>
        {
            var (ms, me) = (q.Start(m), q.Start(m.AddMonths(1)));
            var inMonth = alerts.Where(a => a.DetectedAt >= ms && a.DetectedAt < me).ToList();
            return new RetrospectivePack.SeenMonth(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), inMonth.Count,
                inMonth.SelectMany(a => Split(a.Techniques)).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }).ToList();
        var before = alerts.Where(a => a.DetectedAt < from).SelectMany(a => Split(a.Techniques)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var firstSeen = alerts.Where(a => a.DetectedAt >= from).SelectMany(a => Split(a.Techniques))
            .Where(t => !before.Contains(t)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(Named).ToList();

        return new RetrospectivePack.CoverageSection(
            "Rule history is not stored: coverage at the quarter's start and end is the techniques of the rules enabled at assembly, "
                + "less the tenant's own rules created after that date. Rules added, switched or tuned during the quarter are listed with their state at assembly. "
                + "Techniques seen in alerts are counted per month from the alerts detected.",
            start.Count, end.Count, [.. end.Except(start).Select(Named)], [.. start.Except(end).Select(Named)], changes, seen, firstSeen);
    }

    // Items created, done and dropped in the quarter; open and overdue as of its end (or today, for a quarter in progress).
    private async Task<RetrospectivePack.ActionSection> ActionItemsAsync(Guid tenantId, Quarter q, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = (q.From, q.To);
        var cutoff = now < to ? now : to;
        var countedTo = q.LocalDate(cutoff);
        var items = await db.ActionItems.AsNoTracking().Where(a => a.TenantId == tenantId && a.CreatedAt < to).ToListAsync(cancellationToken);
        var openAtEnd = items.Where(a => a.CompletedAt is not { } done || done >= cutoff).Where(a => a.CreatedAt < cutoff).ToList();
        var overdue = openAtEnd.Where(a => a.DueOn is { } due && due < countedTo).OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToList();
        return new RetrospectivePack.ActionSection(
            items.Count(a => a.CreatedAt >= from),
            items.Count(a => a.Status == ActionItemStatus.Done && a.CompletedAt >= from && a.CompletedAt < to),
            items.Count(a => a.Status == ActionItemStatus.Dropped && a.CompletedAt >= from && a.CompletedAt < to),
            openAtEnd.Count, overdue.Count, countedTo.AddDays(-1),
            [.. overdue.Select(a => new RetrospectivePack.ActionRow(a.Id, a.Title, a.OwnerName, a.DueOn, a.Status, a.Origin))]);
    }

    private async Task<List<RetrospectivePack.GoalRow>> GoalsAsync(Guid tenantId, Quarter q, List<RetrospectivePack.MonthFigures> months, CancellationToken cancellationToken)
    {
        var (first, last) = (q.FirstDay, q.LastDay);
        var goals = await db.CommitteeGoals.AsNoTracking()
            .Where(g => g.TenantId == tenantId && !g.Retired && (g.From == null || g.From <= last) && (g.To == null || g.To >= first))
            .ToListAsync(cancellationToken);
        return [.. goals.OrderBy(g => g.Id).Select(g => new RetrospectivePack.GoalRow(g.Id, g.Title, g.MeasureKey, g.Comparison, g.Target, g.Unit, g.From, g.To,
            g.Measured, g.MeasuredAt, g.MeasuredFrom, g.IsMet,
            [.. months.Select(m => g.MeasureKey is { } key ? m.Figures.FirstOrDefault(f => f.Key == key)?.Value : null)]))];
    }

    private async Task<List<RetrospectivePack.DisputeRow>> DisputesAsync(Guid tenantId, Quarter q, CancellationToken cancellationToken)
    {
        var (from, to, first, last) = (q.From, q.To, q.FirstDay, q.LastDay);
        var disputes = await db.ValueReportDisputes.AsNoTracking().Include(d => d.Report)
            .Where(d => d.TenantId == tenantId && ((d.At >= from && d.At < to) || (d.Report!.Month >= first && d.Report.Month <= last)))
            .ToListAsync(cancellationToken);
        return [.. disputes.OrderBy(d => d.At).ThenBy(d => d.Id).Select(d => new RetrospectivePack.DisputeRow(d.Id, d.ValueReportId,
            d.Report!.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), d.FigureKey, d.Comment, d.At, d.Report.Status.ToString()))];
    }

    private async Task<List<RetrospectivePack.ActivationRow>> ActivationsAsync(Guid tenantId, Quarter q, CancellationToken cancellationToken)
    {
        var (from, to) = (q.From, q.To);
        var activations = await db.EmergencyActivations.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.DeclaredAt >= from && a.DeclaredAt < to).ToListAsync(cancellationToken);
        return [.. activations.OrderBy(a => a.DeclaredAt).ThenBy(a => a.Id).Select(a => new RetrospectivePack.ActivationRow(a.Id, a.DeclaredAt, a.Reason, a.State,
            a.IncidentId, a.TargetMet, a.QuorumAt is { } at ? Math.Round((at - a.DeclaredAt).TotalMinutes, 1) : null))];
    }

    // The part of a value report's snapshot the pack reads (the assumptions are the report's own business).
    private sealed record StoredSnapshot(ValueFigures Figures);
}
