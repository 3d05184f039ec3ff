using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>
/// The meeting page over HTTP: only the chair or the secretary of the tenant's committee closes a meeting (by their
/// own seat, whatever their portal role), nothing changes after, and a refused form comes back as typed with its reason.
/// </summary>
public sealed class MeetingPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Only_the_chair_or_the_secretary_closes_a_meeting_and_a_closed_meeting_is_read_only()
    {
        var tenant = await TestTenant.CreateAsync(factory, "m");
        var meetingId = (long)tenant.RowIds[typeof(Meeting)];
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var page = $"/Meetings/{meetingId}";

        // Nobody holds a seat that keeps the record yet: the analyst and the committee member are refused.
        var byAnalyst = await analyst.PostFormAsync(page, $"{page}/Close", []);
        var byMember = await member.PostFormAsync(page, $"{page}/Close", []);
        // The business owner reads the committee but does not act on it: the role gate answers.
        var byOwner = await owner.PostAsync($"{page}/Close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await owner.AntiforgeryTokenAsync(page),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, byAnalyst.StatusCode);
        Assert.Contains("Only the chair or the secretary of this committee closes a meeting", await byMember.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byOwner.StatusCode);
        Assert.Equal(MeetingStatus.Held, await StatusAsync(meetingId));

        // The committee member's account takes the secretary's seat: now they close it.
        await SeatAsync(tenant, PortalRole.CommitteeMember, CommitteeRole.Secretary);
        var closed = await member.PostFormAsync(page, $"{page}/Close", []);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(MeetingStatus.Closed, await StatusAsync(meetingId));

        // After closing, every step is refused and changes nothing; the page shows no form.
        var html = await member.GetStringAsync(page);
        var minutes = await member.PostFormAsync(page, $"{page}/Minutes", new() { ["minutes"] = "changed later" });
        var item = await member.PostFormAsync(page, $"{page}/Agenda/Add", new() { ["title"] = "late item" });
        var attendance = await member.PostFormAsync(page, $"{page}/Attendance", new() { ["present"] = "1" });
        var again = await member.PostFormAsync(page, $"{page}/Close", []);
        Assert.Contains("its record is final and read-only", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"{page}/Minutes\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Refresh agenda", html, StringComparison.Ordinal);
        Assert.All([minutes, item, attendance, again], r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Contains("its minutes are final", await minutes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        var meeting = await db.Meetings.Include(m => m.Agenda).Include(m => m.Attendance).SingleAsync(m => m.Id == meetingId);
        Assert.Equal($"minutes-{tenant.Marker}", meeting.Minutes);
        Assert.Empty(meeting.Agenda);
        Assert.Empty(meeting.Attendance);
        Assert.Equal("member-" + tenant.Marker, meeting.ClosedBy);
    }

    [Fact]
    public async Task A_chair_of_another_tenant_s_committee_cannot_close_this_one()
    {
        var mine = await TestTenant.CreateAsync(factory, "c");
        var other = await TestTenant.CreateAsync(factory, "d");
        await using (var scope = factory.PlatformScope(out var db))
        {
            // The analyst of "mine" also works for "other", where they chair the committee.
            var userId = await db.Users.Where(u => u.Email == mine.UserEmails[PortalRole.Analyst]).Select(u => u.Id).SingleAsync();
            db.Memberships.Add(new TenantMembership { TenantId = other.Id, UserId = userId, Role = PortalRole.Analyst, GrantedAt = DateTimeOffset.UtcNow });
            var seat = await db.CommitteeMembers.SingleAsync(m => m.TenantId == other.Id);
            seat.Change(seat.Name, seat.Side, seat.Title, CommitteeRole.Chair, true, false, null, null);
            seat.LinkAccount(userId);
            await db.SaveChangesAsync();
        }
        var analyst = await factory.SignInAsync(mine.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var page = $"/Meetings/{mine.RowIds[typeof(Meeting)]}";

        var refused = await analyst.PostFormAsync(page, $"{page}/Close", []);
        var otherPage = $"/Meetings/{other.RowIds[typeof(Meeting)]}";
        var closedThere = await analyst.PostFormAsync(otherPage, $"{otherPage}/Close", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, closedThere.StatusCode);
    }

    [Fact]
    public async Task A_refused_decision_or_action_item_comes_back_as_typed_with_the_reason()
    {
        var tenant = await TestTenant.CreateAsync(factory, "f");
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var page = $"/Meetings/{tenant.RowIds[typeof(Meeting)]}";

        var decision = await member.PostFormAsync(page, $"{page}/Decisions", new() { ["text"] = "Block the scanner range at the edge" });
        var action = await member.PostFormAsync(page, $"{page}/Actions", new() { ["title"] = "Write the runbook", ["dueOn"] = "2026-12-01" });
        var decisionHtml = await decision.Content.ReadAsStringAsync();
        var actionHtml = await action.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, decision.StatusCode);
        Assert.Contains("Choose the member who took the decision.", decisionHtml, StringComparison.Ordinal);
        Assert.Contains(">Block the scanner range at the edge</textarea>", decisionHtml, StringComparison.Ordinal);
        Assert.Contains("Choose the member who owns the action.", actionHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Write the runbook\"", actionHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-12-01\"", actionHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_by_a_member_without_authority_is_recorded_and_flagged_and_action_items_come_from_the_meeting()
    {
        var tenant = await TestTenant.CreateAsync(factory, "x");
        var meetingId = (long)tenant.RowIds[typeof(Meeting)];
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var page = $"/Meetings/{meetingId}";
        long memberId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            memberId = await db.CommitteeMembers.Where(m => m.TenantId == tenant.Id).Select(m => m.Id).SingleAsync();
        }

        await member.PostFormAsync(page, $"{page}/Decisions", new() { ["text"] = "Freeze the suspicious accounts", ["deciderId"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        await member.PostFormAsync(page, $"{page}/Actions", new() { ["title"] = "Tell support", ["ownerId"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["dueOn"] = "2026-12-01" });
        var html = await member.GetStringAsync(page);

        Assert.Contains("no decision authority", html, StringComparison.Ordinal);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var decision = await db.CommitteeDecisions.SingleAsync(d => d.MeetingId == meetingId);
            Assert.False(decision.Authorised);
            var item = await db.ActionItems.SingleAsync(a => a.MeetingId == meetingId && a.Title == "Tell support");
            Assert.Equal((ActionItemOrigin.Meeting, memberId, new DateOnly(2026, 12, 1)), (item.Origin, item.OwnerMemberId!.Value, item.DueOn!.Value));
        }
    }

    private async Task<MeetingStatus> StatusAsync(long meetingId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.Status).SingleAsync();
    }

    private async Task SeatAsync(TestTenant tenant, PortalRole account, CommitteeRole role)
    {
        await using var scope = factory.PlatformScope(out var db);
        var userId = await db.Users.Where(u => u.Email == tenant.UserEmails[account]).Select(u => u.Id).SingleAsync();
        var seat = await db.CommitteeMembers.SingleAsync(m => m.TenantId == tenant.Id);
        seat.Change(seat.Name, seat.Side, seat.Title, role, false, false, null, null);
        seat.LinkAccount(userId);
        await db.SaveChangesAsync();
    }
}
