using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee.Meetings;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>
/// A weekly sync on Tuesday 10 November 2026 at 10:00 UTC: its agenda holds the records of 3 November 10:00 to
/// 10 November 10:00, listed by hand below, and assembling again adds only what is new.
/// </summary>
public sealed class AgendaAssemblyTests(SyncClockFactory factory) : IClassFixture<SyncClockFactory>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 10, 10, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Nov(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_agenda_holds_the_week_s_records_in_order_and_a_second_assembly_adds_only_what_is_new()
    {
        var s = await SeedAsync();
        factory.Clock.AdjustTime(Nov(10, 10, 30));

        var first = await SendAsync(s.TenantId, new AssembleAgenda(s.MeetingId));
        var agenda = await AgendaAsync(s.MeetingId);
        var again = await SendAsync(s.TenantId, new AssembleAgenda(s.MeetingId));
        var late = await AddIncidentAsync(s.TenantId, "Late phishing wave", Nov(9, 18));
        var third = await SendAsync(s.TenantId, new AssembleAgenda(s.MeetingId));
        var after = await AgendaAsync(s.MeetingId);

        (AgendaSource, long?, string)[] expected =
        [
            (AgendaSource.Incident, s.ClosedIncident, "Incident #{0} closed: Card testing on checkout"),
            (AgendaSource.Incident, s.OpenedIncident, "Incident #{0} opened: Credential stuffing on login"),
            (AgendaSource.SlaBreach, s.Unacknowledged, "SLA breach: alert #{0} Brute force never looked at"),
            (AgendaSource.SlaBreach, s.LateAcknowledged, "SLA breach: alert #{0} Acknowledged late"),
            (AgendaSource.WaitingOnCustomer, s.Waiting, "Waiting on the customer: alert #{0} Which admin logged in at night?"),
            (AgendaSource.ActionItem, s.OverdueOld, "Carried over (overdue): Rotate the payment API keys"),
            (AgendaSource.ActionItem, s.OverdueRecent, "Carried over (overdue): Review WAF rules"),
            (AgendaSource.ActionItem, s.OpenAction, "Open action item: Prepare the sale drill"),
            (AgendaSource.ValueFigure, 202611, "Value figures of November 2026 so far"),
            (AgendaSource.ProtectionWindow, s.Window, "Protection window: Winter sale"),
            (AgendaSource.ReportDispute, s.Dispute, "Disputed figure protection.loss-avoided in the October 2026 value report"),
        ];
        Assert.Equal(expected.Select(e => (e.Item1, e.Item2, string.Format(System.Globalization.CultureInfo.InvariantCulture, e.Item3, e.Item2))),
            agenda.Select(a => (a.Source, a.SourceId, a.Title)));
        Assert.Equal("11 items added from the week's records.", first.Message);
        Assert.Equal(Enumerable.Range(1, 11), agenda.Select(a => a.Position));
        Assert.Equal($"/Incidents/Details/{s.OpenedIncident}", agenda[1].Link);
        Assert.Equal($"/Alerts/Details/{s.Unacknowledged}", agenda[2].Link);
        Assert.Equal("High; acknowledgement due Thu 5 Nov 08:30 missed; resolution due Thu 5 Nov 12:00 missed", agenda[2].Detail);
        Assert.Equal("High; acknowledgement due Sat 7 Nov 08:30 missed", agenda[3].Detail);
        Assert.Equal("Nadia Chair; due 2026-11-01, 9 days overdue", agenda[5].Detail);
        Assert.Equal("2026-11-20 to 2026-11-30, starts in 10 days", agenda[9].Detail);
        // The value model counts the card-testing incident closed on 5 November as one attack stopped, with 0 minutes down.
        Assert.StartsWith("Attacks stopped: 1 · Business interruption: 0 min", agenda[8].Detail, StringComparison.Ordinal);
        Assert.Equal("The agenda already holds everything from the week's records.", again.Message);
        Assert.Equal("1 item added from the week's records.", third.Message);
        Assert.Equal(12, after.Count);
        Assert.Equal((AgendaSource.Incident, late), (after[^1].Source, after[^1].SourceId));
    }

    [Fact]
    public async Task A_manual_item_and_a_removed_one_survive_a_refresh_and_a_closed_meeting_is_not_assembled()
    {
        var s = await SeedAsync();
        factory.Clock.AdjustTime(Nov(10, 10, 30));
        await SendAsync(s.TenantId, new AssembleAgenda(s.MeetingId));
        await SendAsync(s.TenantId, new EditAgenda(s.MeetingId, AgendaEdit.Add, Title: "Budget for the SOC expansion"));
        var window = (await AgendaAsync(s.MeetingId)).Single(a => a.Source == AgendaSource.ProtectionWindow);
        await SendAsync(s.TenantId, new EditAgenda(s.MeetingId, AgendaEdit.Remove, window.Id));

        await SendAsync(s.TenantId, new AssembleAgenda(s.MeetingId));
        var agenda = await AgendaAsync(s.MeetingId);

        // The refresh puts back what was removed (it is in the records) once, at the end; the manual item stays.
        Assert.Equal(12, agenda.Count);
        Assert.Equal("Budget for the SOC expansion", agenda[^2].Title);
        Assert.Equal(AgendaSource.ProtectionWindow, agenda[^1].Source);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var meeting = await db.Meetings.SingleAsync(m => m.Id == s.MeetingId);
            meeting.Cancel(factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        var refused = await SendAsync(s.TenantId, new AssembleAgenda(s.MeetingId));
        Assert.Equal("This meeting is cancelled: its agenda is final.", refused.Error);
    }

    private sealed record Seeded(Guid TenantId, long MeetingId, long OpenedIncident, long ClosedIncident, long Unacknowledged, long LateAcknowledged,
        long Waiting, long OverdueOld, long OverdueRecent, long OpenAction, long Window, long Dispute);

    private async Task<Seeded> SeedAsync()
    {
        await using var scope = factory.PlatformScope(out var db);
        var slug = "agenda-" + Guid.NewGuid().ToString("N")[..10];
        var tenant = new Tenant { Name = slug, Slug = slug, TimeZone = "UTC", Currency = "EUR", CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        db.Tenants.Add(tenant);
        var service = new BusinessService { TenantId = tenant.Id, Name = "Checkout", DowntimeCostPerHour = 1000 };
        db.BusinessServices.Add(service);
        var committee = JointCommittee.Form(tenant.Id, "Committee", null);
        committee.MeetWeekly(DayOfWeek.Tuesday, new TimeOnly(10, 0), 45);
        db.Committees.Add(committee);
        await db.SaveChangesAsync();
        var chair = CommitteeMember.Appoint(committee, "Nadia Chair", CommitteeSide.Customer, "CTO");
        db.CommitteeMembers.Add(chair);
        var meeting = Meeting.Schedule(committee, MeetingKind.Weekly, "Weekly sync 2026-11-10", Start, Start.AddMinutes(45), "UTC", null, Nov(1, 0));
        db.Meetings.Add(meeting);

        // Incidents: opened in the week; opened before and closed in it; opened before the week and still open;
        // opened after the meeting began.
        var opened = Incident.Open(tenant.Id, "Credential stuffing on login", AlertSeverity.High, Nov(4, 9));
        var closed = Incident.Open(tenant.Id, "Card testing on checkout", AlertSeverity.Medium, new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
        db.AddRange(opened, closed, Incident.Open(tenant.Id, "Old scan", AlertSeverity.Low, Nov(1, 9)), Incident.Open(tenant.Id, "After the start", AlertSeverity.Low, Nov(10, 11)));
        await db.SaveChangesAsync();
        closed.Close(new IncidentImpact(service.Id, 0, 0, "no loss: blocked at the gateway", null), null, Nov(5, 15));

        // Alerts under a 30-minute acknowledgement / 4-hour resolution service level.
        var sla = new SlaTerms(30, 240);
        var never = Alert.Raise(tenant.Id, "r1", "Brute force never looked at", AlertSeverity.High, 70, Nov(5, 8), new AlertFacts { Sla = sla });
        var met = Alert.Raise(tenant.Id, "r2", "Handled in time", AlertSeverity.High, 70, Nov(6, 8), new AlertFacts { Sla = sla });
        met.Acknowledge("u", Nov(6, 8, 10));
        met.Resolve(AlertDisposition.FalsePositive, "benign", "u", Nov(6, 11));
        var late = Alert.Raise(tenant.Id, "r3", "Acknowledged late", AlertSeverity.High, 70, Nov(7, 8), new AlertFacts { Sla = sla });
        late.Acknowledge("u", Nov(7, 8, 45));
        late.Resolve(AlertDisposition.FalsePositive, "benign", "u", Nov(7, 10));
        var before = Alert.Raise(tenant.Id, "r4", "Due before the week", AlertSeverity.High, 70, Nov(2, 8), new AlertFacts { Sla = sla });
        // Waiting on the customer since 8 November, 08:10: the clock stopped before any deadline passed.
        var waiting = Alert.Raise(tenant.Id, "r5", "Which admin logged in at night?", AlertSeverity.Medium, 50, Nov(8, 8), new AlertFacts { Sla = sla });
        waiting.ChangeStatus(AlertStatus.WaitingOnCustomer, "u", Nov(8, 8, 10), "Asked the customer whether the login was theirs");
        // Waited on the customer, then answered within the week: no longer waiting.
        var answered = Alert.Raise(tenant.Id, "r6", "Answered already", AlertSeverity.Low, 20, Nov(4, 8));
        answered.ChangeStatus(AlertStatus.WaitingOnCustomer, "u", Nov(4, 9), "asked");
        answered.ChangeStatus(AlertStatus.InProgress, "u", Nov(5, 9), "answered");
        db.Alerts.AddRange(never, met, late, before, waiting, answered);

        // Action items: two overdue (carried over, the older first), one open and due later, one completed in the week.
        var overdueOld = ActionItem.Raise(tenant.Id, "Rotate the payment API keys", chair, new DateOnly(2026, 11, 1), new DateTimeOffset(2026, 10, 20, 11, 0, 0, TimeSpan.Zero), ActionItemSource.Manual);
        var overdueRecent = ActionItem.Raise(tenant.Id, "Review WAF rules", chair, new DateOnly(2026, 11, 5), new DateTimeOffset(2026, 10, 25, 11, 0, 0, TimeSpan.Zero), ActionItemSource.Manual);
        var open = ActionItem.Raise(tenant.Id, "Prepare the sale drill", chair, new DateOnly(2026, 11, 20), Nov(4, 11), ActionItemSource.Manual);
        var done = ActionItem.Raise(tenant.Id, "Done in the week", chair, new DateOnly(2026, 11, 6), new DateTimeOffset(2026, 10, 20, 11, 0, 0, TimeSpan.Zero), ActionItemSource.Manual);
        done.Complete(Nov(5, 12));
        db.ActionItems.AddRange(overdueOld, overdueRecent, open, done);

        // Protection windows: one within 30 days; one beyond; one already over.
        var window = ProtectionWindow.Open(tenant.Id, "Winter sale", Nov(20, 0), Nov(30, 0), [], 1.2, Nov(1, 0));
        db.ProtectionWindows.AddRange(window,
            ProtectionWindow.Open(tenant.Id, "Spring sale", new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), [], 1.2, Nov(1, 0)),
            ProtectionWindow.Open(tenant.Id, "Autumn sale", new DateTimeOffset(2026, 10, 20, 0, 0, 0, TimeSpan.Zero), Nov(1, 0), [], 1.2, Nov(1, 0)));

        // A disputed figure of the October report.
        var report = ValueReport.Draft(tenant.Id, new DateOnly(2026, 10, 1), "{}", 0, Nov(1, 2));
        report.Publish("analyst", Nov(3, 9));
        var dispute = report.Dispute("protection.loss-avoided", "Defaults not approved", "owner", Nov(4, 9));
        db.ValueReports.Add(report);
        await db.SaveChangesAsync();
        return new Seeded(tenant.Id, meeting.Id, opened.Id, closed.Id, never.Id, late.Id, waiting.Id, overdueOld.Id, overdueRecent.Id, open.Id, window.Id, dispute.Id);
    }

    private async Task<long> AddIncidentAsync(Guid tenantId, string title, DateTimeOffset at)
    {
        await using var scope = factory.PlatformScope(out var db);
        var incident = Incident.Open(tenantId, title, AlertSeverity.Medium, at);
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    private async Task<MeetingChange> SendAsync(Guid tenantId, ICommand<MeetingChange> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task<List<AgendaItem>> AgendaAsync(long meetingId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meetingId).OrderBy(a => a.Position).ToListAsync();
    }
}
