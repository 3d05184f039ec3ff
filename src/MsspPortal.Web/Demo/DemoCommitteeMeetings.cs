using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee;
using MsspPortal.Web.Features.Committee.ActionItems;
using MsspPortal.Web.Features.Committee.Meetings;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// Six months of weekly syncs per demo committee, made as the committee makes them, on the demo clock: each sync is
// planned six days ahead (agenda assembled then), its agenda refreshed a quarter of an hour before it starts, held
// by the secretary with the attendance, notes on what was discussed, minutes that say what the agenda held, a decision
// or two and new action items, then closed by the secretary. Action items are completed a few days before they fall
// due, except every third one, done a week late or still open if it fell due in the last four weeks (and so carried
// over, overdue, to the next agendas). The next two
// weeks are planned and wait with their agenda.
internal sealed class DemoCommitteeMeetings(IServiceProvider services, DemoCalendar calendar)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var timer = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (slug, seats) in DemoCommittee.Seats)
        {
            var secretary = seats.First(s => s.Role == CommitteeRole.Secretary);
            if (await DemoActor.ForAsync(services, secretary.Email, cancellationToken) is not { } actor)
            {
                continue; // no demo accounts (Production): nobody could close a meeting
            }
            await RunForTenantAsync(slug, actor, cancellationToken);
        }
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<DemoCommitteeMeetings>();
        logger.LogInformation("Demo: weekly committee syncs held, closed and planned in {Seconds:F1} s", timer.Elapsed.TotalSeconds);
    }

    private async Task RunForTenantAsync(string slug, DemoActor secretary, CancellationToken cancellationToken)
    {
        var (tenant, committee, members) = await LoadAsync(slug, cancellationToken);
        if (tenant is null || committee?.SyncDay is not { } day)
        {
            return;
        }
        var zone = SyncCalendar.Zone(tenant.TimeZone);
        var pending = new List<(long ActionId, DateTimeOffset At)>();
        var week = 0;
        for (var date = SyncCalendar.LocalDate(calendar.Start, zone); ; date = date.AddDays(1))
        {
            var startsAt = SyncCalendar.ToUtc(date, committee.SyncTime, zone);
            if (startsAt.AddMinutes(committee.SyncMinutes) > calendar.Now)
            {
                break;
            }
            if (date.DayOfWeek != day || startsAt < calendar.Start.AddDays(1))
            {
                continue;
            }
            var planAt = Max(startsAt.AddDays(-6).AddHours(-3), calendar.Start);
            await CompleteAsync(secretary, pending, planAt, cancellationToken);
            var planned = await secretary.SendAsync<PlanWeeklySyncs, PlannedSyncs, PlanWeeklySyncsHandler>(new PlanWeeklySyncs(tenant.Id, Weeks: 1), planAt, cancellationToken);
            if (planned.Created.Count == 0)
            {
                continue;
            }
            var meetingId = planned.Created[0];
            await CompleteAsync(secretary, pending, startsAt.AddMinutes(-15), cancellationToken);
            await secretary.SendAsync<AssembleAgenda, MeetingChange, AssembleAgendaHandler>(new AssembleAgenda(meetingId), startsAt.AddMinutes(-15), cancellationToken);
            await HoldAsync(secretary, tenant.Id, meetingId, startsAt, members, week++, pending, cancellationToken);
        }
        await CompleteAsync(secretary, pending, calendar.Now, cancellationToken);
        // The coming two weeks, as the daily job would have left them (their agendas hold what has happened so far).
        await secretary.SendAsync<PlanWeeklySyncs, PlannedSyncs, PlanWeeklySyncsHandler>(new PlanWeeklySyncs(tenant.Id, Weeks: 2), calendar.Now, cancellationToken);
    }

    private async Task HoldAsync(DemoActor secretary, Guid tenantId, long meetingId, DateTimeOffset startsAt, List<CommitteeMember> members, int week,
        List<(long ActionId, DateTimeOffset At)> pending, CancellationToken cancellationToken)
    {
        var agenda = await AgendaAsync(tenantId, meetingId, cancellationToken);
        await secretary.SendAsync<HoldMeeting, MeetingChange, HoldMeetingHandler>(new HoldMeeting(meetingId), startsAt, cancellationToken);
        // Everyone but one member in turn (never the secretary, who takes the minutes).
        var others = members.Where(m => m.Role != CommitteeRole.Secretary).ToList();
        var absent = others[week % others.Count];
        await secretary.SendAsync<MarkAttendance, MeetingChange, MarkAttendanceHandler>(
            new MarkAttendance(meetingId, [.. members.Where(m => m != absent || week % 3 != 0).Select(m => m.Id)]), startsAt.AddMinutes(2), cancellationToken);

        var chair = members.FirstOrDefault(m => m.Role == CommitteeRole.Chair && m.Side == CommitteeSide.Customer) ?? members[0];
        var msspChair = members.FirstOrDefault(m => m.Side == CommitteeSide.Mssp && m.HasDecisionAuthority) ?? chair;
        var lead = members.FirstOrDefault(m => m.CanLeadIncidents) ?? msspChair;
        var customerKeeper = members.FirstOrDefault(m => m.Side == CommitteeSide.Customer && m.Role == CommitteeRole.Secretary) ?? chair;
        var noAuthority = members.FirstOrDefault(m => !m.HasDecisionAuthority && m.Side == CommitteeSide.Mssp);
        var day = DateOnly.FromDateTime(startsAt.UtcDateTime);

        var of = agenda.ToLookup(a => a.Source);
        var incidents = of[AgendaSource.Incident].ToList();
        var breaches = of[AgendaSource.SlaBreach].ToList();
        var waiting = of[AgendaSource.WaitingOnCustomer].ToList();
        var actions = of[AgendaSource.ActionItem].ToList();
        var carried = actions.Where(a => a.Title.StartsWith("Carried over", StringComparison.Ordinal)).ToList();
        var windows = of[AgendaSource.ProtectionWindow].ToList();
        var disputes = of[AgendaSource.ReportDispute].ToList();

        // Notes on what the meeting went through: the incidents, the carried-over items and each dispute.
        var at = startsAt.AddMinutes(5);
        foreach (var item in incidents.Take(2))
        {
            await NoteAsync(secretary, meetingId, item.Id, "Walked through the timeline and the impact recorded; the handling stands.", at, cancellationToken);
        }
        foreach (var item in carried.Take(1))
        {
            await NoteAsync(secretary, meetingId, item.Id, "Still open past its due date: the owner gave an update and keeps it.", at, cancellationToken);
        }
        foreach (var item in disputes)
        {
            await NoteAsync(secretary, meetingId, item.Id,
                "Answered: the MSSP presented the default probabilities behind the range; the business owner approves revised assumptions before the next report.", at, cancellationToken);
        }

        var decisions = new List<(string Text, CommitteeMember By)>();
        if (incidents.Count > 0)
        {
            decisions.Add(($"The committee accepts the handling of {Count(incidents.Count, "incident")} reviewed this week; no further escalation.", chair));
        }
        if (windows.Count > 0)
        {
            decisions.Add(($"Staff the joint live watch for \u201c{windows[0].Title["Protection window: ".Length..]}\u201d as planned in its checklist.", msspChair));
        }
        if (waiting.Count > 0 && decisions.Count < 2)
        {
            decisions.Add(($"The customer answers the {Count(waiting.Count, "alert")} waiting on it by Friday.", chair));
        }
        if (week % 5 == 2 && noAuthority is not null && decisions.Count < 2)
        {
            // Taken in the room by someone without authority: kept, and flagged for the chairs to confirm.
            decisions.Add(("Block the scanning range seen this week at the edge firewall.", noAuthority));
        }
        if (decisions.Count == 0)
        {
            decisions.Add(("No change to the watch plan this week.", msspChair));
        }

        var raise = new List<(string Title, CommitteeMember Owner, DateOnly Due)>();
        if (incidents.Count > 0)
        {
            raise.Add(($"Write the post-incident note for {Short(incidents[0].Title)}", lead, day.AddDays(7)));
        }
        if (breaches.Count > 0)
        {
            raise.Add(($"Explain the {Count(Total(breaches), "SLA breach")} of the week and adjust the on-call rota", msspChair, day.AddDays(14)));
        }
        if (waiting.Count > 0 && raise.Count < 2)
        {
            raise.Add(($"Answer the analysts' questions on {Count(waiting.Count, "waiting alert")}", customerKeeper, day.AddDays(3)));
        }
        if (raise.Count == 0)
        {
            raise.Add(("Review the detection thresholds against next week's expected traffic", lead, day.AddDays(14)));
        }

        var minutes = Minutes(agenda, incidents, breaches, waiting, actions, carried, of[AgendaSource.ValueFigure].ToList(), windows, disputes, decisions, raise);
        await secretary.SendAsync<AmendMinutes, MeetingChange, AmendMinutesHandler>(new AmendMinutes(meetingId, minutes), startsAt.AddMinutes(35), cancellationToken);
        foreach (var (text, by) in decisions)
        {
            await secretary.SendAsync<RecordMeetingDecision, MeetingChange, RecordMeetingDecisionHandler>(new RecordMeetingDecision(meetingId, text, by.Id), startsAt.AddMinutes(36), cancellationToken);
        }
        foreach (var (title, owner, due) in raise)
        {
            await secretary.SendAsync<RaiseMeetingAction, MeetingChange, RaiseMeetingActionHandler>(new RaiseMeetingAction(meetingId, title, owner.Id, due), startsAt.AddMinutes(38), cancellationToken);
        }
        await secretary.SendAsync<CloseMeeting, MeetingChange, CloseMeetingHandler>(new CloseMeeting(meetingId), startsAt.AddMinutes(42), cancellationToken);

        // Most new action items are done a couple of days before they fall due. One in three is late: done a week after
        // its due date (carried over, overdue, until then), or still open when it fell due in the last four weeks.
        var raised = await RaisedAsync(tenantId, meetingId, cancellationToken);
        var today = DateOnly.FromDateTime(calendar.Now.UtcDateTime);
        foreach (var (item, index) in raised.Select((r, i) => (r, i)))
        {
            if (item.DueOn is not { } due)
            {
                continue;
            }
            var late = (week + index) % 3 == 2;
            if (!late || due.AddDays(28) < today)
            {
                pending.Add((item.Id, SyncCalendar.ToUtc(late ? due.AddDays(7) : due.AddDays(-2), new TimeOnly(16, 0), TimeZoneInfo.Utc)));
            }
        }
    }

    private static string Minutes(List<AgendaRow> agenda, List<AgendaRow> incidents, List<AgendaRow> breaches, List<AgendaRow> waiting, List<AgendaRow> actions,
        List<AgendaRow> carried, List<AgendaRow> value, List<AgendaRow> windows, List<AgendaRow> disputes,
        List<(string Text, CommitteeMember By)> decisions, List<(string Title, CommitteeMember Owner, DateOnly Due)> raise)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"Agenda of {Count(agenda.Count, "item")}.\n");
        text.Append(incidents.Count == 0
            ? "No incident was opened or closed this week.\n"
            : $"Reviewed {Count(incidents.Count, "incident")}: {string.Join("; ", incidents.Select(i => Short(i.Title)))}.\n");
        if (breaches.Count > 0)
        {
            text.Append(Invariant, $"{Count(Total(breaches), "SLA breach")} this week, among them {string.Join("; ", breaches.Where(b => b.SourceId is not null).Take(3).Select(b => Short(b.Title)))}.\n");
        }
        if (waiting.Count > 0)
        {
            text.Append(Invariant, $"{Count(Total(waiting), "alert")} waiting on the customer: {string.Join("; ", waiting.Where(w => w.SourceId is not null).Take(3).Select(w => Short(w.Title)))}.\n");
        }
        text.Append(actions.Count == 0
            ? "No action item was open.\n"
            : $"{Count(actions.Count, "open action item")} reviewed" + (carried.Count == 0 ? ", none overdue.\n" : $", {carried.Count} carried over as overdue: {string.Join("; ", carried.Take(3).Select(c => Short(c.Title)))}.\n"));
        foreach (var v in value)
        {
            text.Append(Invariant, $"{v.Title}: {v.Detail}.\n");
        }
        foreach (var w in windows)
        {
            text.Append(Invariant, $"{w.Title} ({w.Detail}): checklist reviewed.\n");
        }
        foreach (var d in disputes)
        {
            text.Append(Invariant, $"{d.Title}: answered, revised assumptions to be approved.\n");
        }
        text.Append(Invariant, $"Decisions: {string.Join(" ", decisions.Select(d => $"{d.Text} ({d.By.Name})"))}\n");
        text.Append(Invariant, $"New action items: {string.Join("; ", raise.Select(r => $"{r.Title} ({r.Owner.Name}, due {r.Due:yyyy-MM-dd})"))}.");
        return text.ToString();
    }

    // "Incident #12 closed: Card testing" → "incident #12 closed: Card testing"; long titles are cut.
    private static string Short(string title)
    {
        var cut = title.Length > 90 ? title[..90] + "…" : title;
        return char.ToLowerInvariant(cut[0]) + cut[1..];
    }

    // Listed items and the "N more" line: how many there are in all.
    private static int Total(List<AgendaRow> rows) =>
        rows.Count(r => r.SourceId is not null) + rows.Where(r => r.SourceId is null).Sum(r => int.TryParse(r.Title.Split(' ')[0], Invariant, out var n) ? n : 0);

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {(noun.EndsWith("ch", StringComparison.Ordinal) ? noun + "es" : noun + "s")}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static Task<MeetingChange> NoteAsync(DemoActor secretary, long meetingId, long itemId, string notes, DateTimeOffset at, CancellationToken cancellationToken) =>
        secretary.SendAsync<EditAgenda, MeetingChange, EditAgendaHandler>(new EditAgenda(meetingId, AgendaEdit.Note, itemId, Notes: notes, Discussed: true), at, cancellationToken);

    // The action items due to be completed by this time are completed then, through the board's own step (the secretary
    // records what the owner reported).
    private static async Task CompleteAsync(DemoActor secretary, List<(long ActionId, DateTimeOffset At)> pending, DateTimeOffset until, CancellationToken cancellationToken)
    {
        foreach (var (id, at) in pending.Where(p => p.At <= until).OrderBy(p => p.At).ToList())
        {
            var done = await secretary.SendAsync<ChangeActionItemStatus, CommitteeChange, ChangeActionItemStatusHandler>(
                new ChangeActionItemStatus { Id = id, To = ActionItemStatus.Done, Note = "Done; reported to the committee." }, at, cancellationToken);
            if (done.Error is not null)
            {
                throw new InvalidOperationException($"Demo: action item {id} could not be completed: {done.Error}");
            }
        }
        pending.RemoveAll(p => p.At <= until);
    }

    private sealed record AgendaRow(long Id, AgendaSource Source, long? SourceId, string Title, string? Detail);

    private async Task<List<AgendaRow>> AgendaAsync(Guid tenantId, long meetingId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId)
            .OrderBy(a => a.Position).Select(a => new AgendaRow(a.Id, a.Source, a.SourceId, a.Title, a.Detail)).ToListAsync(cancellationToken);
    }

    private async Task<List<ActionItem>> RaisedAsync(Guid tenantId, long meetingId, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().ActionItems.AsNoTracking().Where(a => a.MeetingId == meetingId)
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    private async Task<(Tenant? Tenant, JointCommittee? Committee, List<CommitteeMember> Members)> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == slug, cancellationToken);
        if (tenant is null)
        {
            return (null, null, []);
        }
        var committee = await db.Committees.AsNoTracking().FirstOrDefaultAsync(c => c.TenantId == tenant.Id, cancellationToken);
        var members = await db.CommitteeMembers.AsNoTracking().Where(m => m.TenantId == tenant.Id && m.Active).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return (tenant, committee, members);
    }
}
