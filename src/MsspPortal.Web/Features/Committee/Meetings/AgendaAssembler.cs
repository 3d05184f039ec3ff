using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Committee.Meetings;

// Fills a weekly sync's agenda from the tenant's records of the week before it: incidents opened or closed, SLA
// breaches (a deadline that fell in the week and was not met), alerts waiting on the customer, open action items
// (overdue ones first, carried over), the month's value figures so far, protection windows of the next 30 days and
// value-report disputes the committee has not yet taken up. Each item names its record (Source, SourceId) and links to
// it; a record already on the agenda is not added again, so assembling twice adds only what is missing. The week
// ends at the meeting's start or now, whichever is earlier: an agenda assembled ahead holds only what has happened.
internal sealed class AgendaAssembler(PortalDbContext db, ISender sender)
{
    // Long lists are cut to their most severe items and one line that says how many more there are.
    public const int MaxPerSource = 10;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] HeadlineKeys = [ValueKeys.AttacksStopped, ValueKeys.InterruptionMinutes, ValueKeys.SlaAttainment, ValueKeys.LossAvoided];

    public async Task<int> AssembleAsync(Meeting meeting, Tenant tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (meeting.IsClosed)
        {
            return 0;
        }
        var zone = SyncCalendar.Zone(meeting.TimeZone);
        var start = meeting.ScheduledAt;
        var (from, until) = (start.AddDays(-7), start < now ? start : now);
        var meetingDay = SyncCalendar.LocalDate(start, zone);
        var items = new List<Candidate>();
        string Day(DateTimeOffset at) => SyncCalendar.LocalDate(at, zone).ToString("ddd d MMM", Invariant);

        // Incidents opened or closed in the week.
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => (i.OpenedAt >= from && i.OpenedAt < until) || (i.ClosedAt >= from && i.ClosedAt < until))
            .OrderBy(i => i.OpenedAt).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.Severity, i.Status, i.OpenedAt, i.ClosedAt, i.DowntimeMinutes })
            .ToListAsync(cancellationToken);
        foreach (var i in incidents)
        {
            var opened = i.OpenedAt >= from && i.OpenedAt < until;
            var closed = i.ClosedAt is { } c && c >= from && c < until;
            var detail = $"{i.Severity}; " + (opened ? $"opened {Day(i.OpenedAt)}" : $"opened {SyncCalendar.LocalDate(i.OpenedAt, zone):yyyy-MM-dd}")
                + (closed ? $", closed {Day(i.ClosedAt!.Value)}" + (i.DowntimeMinutes is { } d ? $" with {d} min of interruption" : "") : $", {i.Status}");
            items.Add(new(AgendaSource.Incident, i.Id, $"Incident #{i.Id} {(closed ? "closed" : "opened")}: {i.Title}", detail, $"/Incidents/Details/{i.Id}"));
        }

        // SLA breaches: a deadline due in the week that was not met by it (SlaClock.Met, judged at the end of the week).
        var due = await db.Alerts.AsNoTracking()
            .Where(a => a.MergedIntoId == null
                && ((a.AcknowledgeDueAt >= from && a.AcknowledgeDueAt < until) || (a.ResolveDueAt >= from && a.ResolveDueAt < until)))
            .Select(a => new { a.Id, a.Title, a.Severity, a.AcknowledgeDueAt, a.AcknowledgedAt, a.ResolveDueAt, a.ResolvedAt, a.ClockPausedAt })
            .ToListAsync(cancellationToken);
        var breaches = due
            .Select(a => new
            {
                Alert = a,
                Ack = a.AcknowledgeDueAt >= from && a.AcknowledgeDueAt < until && SlaClock.Met(a.AcknowledgeDueAt, Before(a.AcknowledgedAt, until), until, Before(a.ClockPausedAt, until)) == false,
                Resolve = a.ResolveDueAt >= from && a.ResolveDueAt < until && SlaClock.Met(a.ResolveDueAt, Before(a.ResolvedAt, until), until, Before(a.ClockPausedAt, until)) == false,
            })
            .Where(b => b.Ack || b.Resolve)
            .OrderByDescending(b => b.Alert.Severity).ThenBy(b => b.Alert.Id)
            .ToList();
        items.AddRange(Capped(breaches.Select(b => new Candidate(AgendaSource.SlaBreach, b.Alert.Id, $"SLA breach: alert #{b.Alert.Id} {b.Alert.Title}",
            $"{b.Alert.Severity}; " + string.Join("; ", new[]
            {
                b.Ack ? $"acknowledgement due {Day(b.Alert.AcknowledgeDueAt!.Value)} {Time(b.Alert.AcknowledgeDueAt.Value, zone)} missed" : null,
                b.Resolve ? $"resolution due {Day(b.Alert.ResolveDueAt!.Value)} {Time(b.Alert.ResolveDueAt.Value, zone)} missed" : null,
            }.OfType<string>()), $"/Alerts/Details/{b.Alert.Id}")).ToList(), AgendaSource.SlaBreach, "SLA breaches", "/Alerts"));

        // Alerts waiting on the customer when the week ends: their last status change before it moved them there.
        var waitingTo = nameof(AlertStatus.WaitingOnCustomer);
        var everWaiting = db.AlertHistory.Where(h => h.Field == nameof(Alert.Status) && h.To == waitingTo && h.At < until).Select(h => h.AlertId);
        var changes = await db.AlertHistory.AsNoTracking()
            .Where(h => h.Field == nameof(Alert.Status) && h.At < until && everWaiting.Contains(h.AlertId))
            .Select(h => new { h.AlertId, h.At, h.Id, h.To, h.Reason })
            .ToListAsync(cancellationToken);
        var waiting = changes.GroupBy(h => h.AlertId).Select(g => g.OrderByDescending(h => h.At).ThenByDescending(h => h.Id).First())
            .Where(h => h.To == waitingTo).ToList();
        var waitingIds = waiting.Select(w => w.AlertId).ToList();
        var waitingAlerts = await db.Alerts.AsNoTracking().Where(a => waitingIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Severity }).ToDictionaryAsync(a => a.Id, cancellationToken);
        items.AddRange(Capped(waiting.Where(w => waitingAlerts.ContainsKey(w.AlertId))
            .OrderByDescending(w => waitingAlerts[w.AlertId].Severity).ThenBy(w => w.At)
            .Select(w => new Candidate(AgendaSource.WaitingOnCustomer, w.AlertId, $"Waiting on the customer: alert #{w.AlertId} {waitingAlerts[w.AlertId].Title}",
                $"since {Day(w.At)}" + (string.IsNullOrWhiteSpace(w.Reason) ? "" : $": {w.Reason}"), $"/Alerts/Details/{w.AlertId}")).ToList(),
            AgendaSource.WaitingOnCustomer, "alerts waiting on the customer", "/Alerts?status=waiting-on-customer"));

        // Action items open when the week ends (not this meeting's own): overdue ones first, carried over.
        var actions = await db.ActionItems.AsNoTracking()
            .Where(a => a.CreatedAt < until && (a.CompletedAt == null || a.CompletedAt > until) && (a.MeetingId == null || a.MeetingId != meeting.Id))
            .Select(a => new { a.Id, a.Title, a.OwnerName, a.DueOn, a.Status })
            .ToListAsync(cancellationToken);
        foreach (var a in actions.OrderBy(a => a.DueOn is { } d && d < meetingDay ? 0 : 1).ThenBy(a => a.DueOn ?? DateOnly.MaxValue).ThenBy(a => a.Id))
        {
            var owner = a.OwnerName.Length > 0 ? a.OwnerName : "no owner";
            var item = a.DueOn is { } d && d < meetingDay
                ? new Candidate(AgendaSource.ActionItem, a.Id, $"Carried over (overdue): {a.Title}", $"{owner}; due {d:yyyy-MM-dd}, {meetingDay.DayNumber - d.DayNumber} days overdue", $"/ActionItems#action-{a.Id}")
                : new Candidate(AgendaSource.ActionItem, a.Id, $"Open action item: {a.Title}", $"{owner}; " + (a.DueOn is { } due2 ? $"due {due2:yyyy-MM-dd}" : "no due date"), $"/ActionItems#action-{a.Id}");
            items.Add(item);
        }

        // The month's value figures so far: a few headlines from the value model (computed once per agenda: the value
        // model's Monte Carlo is the costliest step, and a refresh keeps the item already there).
        var monthKey = (meetingDay.Year * 100) + meetingDay.Month;
        if (!meeting.Agenda.Any(a => a.Source == AgendaSource.ValueFigure && a.SourceId == monthKey))
        {
            var figures = await sender.Send(new ComputeMonthlyValue(tenant.Id, meetingDay.Year, meetingDay.Month), cancellationToken);
            var headlines = HeadlineKeys.Select(figures.Find).OfType<ValueFigure>().Where(f => f.Value is not null).Select(f => $"{f.Label}: {Format(f, figures.Currency)}").ToList();
            var month = new DateOnly(meetingDay.Year, meetingDay.Month, 1).ToString("MMMM yyyy", Invariant);
            if (headlines.Count > 0)
            {
                // Figures computed after the month ended cover all of it: the title says which.
                items.Add(new(AgendaSource.ValueFigure, monthKey, figures.ComputedAt < figures.To ? $"Value figures of {month} so far" : $"Value figures of {month}",
                    string.Join(" · ", headlines) + $" (computed {SyncCalendar.ToLocal(figures.ComputedAt, zone).ToString("yyyy-MM-dd HH:mm", Invariant)})",
                    $"/Value?tenant={Uri.EscapeDataString(tenant.Slug)}&month={meetingDay:yyyy-MM}"));
            }
        }

        // Protection windows running or starting within 30 days of the meeting.
        var horizon = start.AddDays(30);
        var windows = await db.ProtectionWindows.AsNoTracking().Where(w => w.StartsAt < horizon && w.EndsAt > start)
            .OrderBy(w => w.StartsAt).Select(w => new { w.Id, w.Name, w.StartsAt, w.EndsAt }).ToListAsync(cancellationToken);
        foreach (var w in windows)
        {
            var when = w.StartsAt <= start ? "running" : $"starts in {(int)Math.Ceiling((w.StartsAt - start).TotalDays)} days";
            items.Add(new(AgendaSource.ProtectionWindow, w.Id, $"Protection window: {w.Name}",
                $"{SyncCalendar.LocalDate(w.StartsAt, zone):yyyy-MM-dd} to {SyncCalendar.LocalDate(w.EndsAt, zone):yyyy-MM-dd}, {when}", $"/ProtectionWindows?tenantId={tenant.Id}"));
        }

        // Disputed report figures not yet answered: the report is still disputed and no closed meeting discussed them.
        var answered = db.AgendaItems.Where(i => i.Source == AgendaSource.ReportDispute && i.Discussed
            && db.Meetings.Any(m => m.Id == i.MeetingId && m.Status == MeetingStatus.Closed)).Select(i => i.SourceId);
        var disputes = await db.ValueReportDisputes.AsNoTracking()
            .Where(d => d.At < until && d.Report!.Status == ValueReportStatus.Disputed && !answered.Contains(d.Id))
            .OrderBy(d => d.At).Select(d => new { d.Id, d.ValueReportId, d.FigureKey, d.Comment, d.At, d.Report!.Month })
            .ToListAsync(cancellationToken);
        foreach (var d in disputes)
        {
            items.Add(new(AgendaSource.ReportDispute, d.Id, $"Disputed figure {d.FigureKey} in the {d.Month.ToString("MMMM yyyy", Invariant)} value report",
                $"Raised {SyncCalendar.LocalDate(d.At, zone):yyyy-MM-dd}: {d.Comment}", $"/ValueReports/Details/{d.ValueReportId}"));
        }

        var present = meeting.Agenda.Where(a => a.Source != AgendaSource.Manual).Select(a => (a.Source, a.SourceId)).ToHashSet();
        var added = 0;
        foreach (var item in items.Where(i => present.Add((i.Source, i.SourceId))))
        {
            meeting.AddToAgenda(item.Source, item.SourceId, item.Title, Cut(item.Detail, 1000), item.Link, now);
            added++;
        }
        return added;
    }

    // A time after the end of the week had not happened yet at its end.
    private static DateTimeOffset? Before(DateTimeOffset? at, DateTimeOffset until) => at is { } t && t < until ? t : null;

    private static string Time(DateTimeOffset at, TimeZoneInfo zone) => SyncCalendar.ToLocal(at, zone).ToString("HH:mm", Invariant);

    private static string? Cut(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    // The first MaxPerSource candidates, and a line that names how many more there are (without a record: one per source).
    private static IEnumerable<Candidate> Capped(List<Candidate> candidates, AgendaSource source, string what, string link) =>
        candidates.Count <= MaxPerSource
            ? candidates
            : candidates.Take(MaxPerSource).Append(new Candidate(source, null, $"{candidates.Count - MaxPerSource} more {what} this week", "The most severe are listed above.", link));

    private static string Format(ValueFigure f, string currency)
    {
        var value = f.Value!.Value;
        return f.Unit switch
        {
            ValueUnit.Count => value.ToString("N0", Invariant),
            ValueUnit.Minutes => value.ToString("N0", Invariant) + " min",
            ValueUnit.Hours => value.ToString("0.#", Invariant) + " h",
            ValueUnit.Days => value.ToString("0.#", Invariant) + " days",
            ValueUnit.Percent => value.ToString("0.##", Invariant) + " %",
            _ => (f.Low is { } low && f.High is { } high
                ? $"{value.ToString("N0", Invariant)} {currency} (P10 {low.ToString("N0", Invariant)} – P90 {high.ToString("N0", Invariant)})"
                : $"{value.ToString("N0", Invariant)} {currency}"),
        };
    }

    private sealed record Candidate(AgendaSource Source, long? SourceId, string Title, string? Detail, string? Link);
}
