using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>
/// Meetings as iCalendar, read back with Ical.Net: one invitation keeps its UID while SEQUENCE rises, carries a
/// VTIMEZONE for its zone and says CANCELLED when cancelled; a person's feed answers to its token without sign-in,
/// holds only the meetings of committees they sit on in their own tenants, and answers 404 once revoked.
/// </summary>
public sealed partial class CalendarTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_invitation_keeps_its_uid_raises_its_sequence_carries_its_zone_and_says_cancelled()
    {
        var tenant = await TestTenant.CreateAsync(factory, "i");
        // 02:00 UTC on 2027-03-02 is 10:00 in Shanghai (UTC+8, no daylight saving).
        var meetingId = await ScheduleAsync(tenant, "Asia/Shanghai", new DateTimeOffset(2027, 3, 2, 2, 0, 0, TimeSpan.Zero));
        var member = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);

        var first = await InvitationAsync(member, meetingId);
        await ChangeAsync(meetingId, m => m.Reschedule(new DateTimeOffset(2027, 3, 3, 2, 0, 0, TimeSpan.Zero)));
        var moved = await InvitationAsync(member, meetingId);
        await ChangeAsync(meetingId, m => m.Cancel(TimeProvider.System.GetUtcNow()));
        var cancelled = await InvitationAsync(member, meetingId);

        var (a, b, c) = (first.Events.Single(), moved.Events.Single(), cancelled.Events.Single());
        Assert.Equal(a.Uid, b.Uid);
        Assert.Equal(a.Uid, c.Uid);
        Assert.EndsWith("@mssp-portal", a.Uid, StringComparison.Ordinal);
        Assert.True(b.Sequence > a.Sequence, $"{a.Sequence} then {b.Sequence}");
        Assert.True(c.Sequence > b.Sequence, $"{b.Sequence} then {c.Sequence}");
        Assert.Equal("REQUEST", first.Method);
        Assert.Contains(first.TimeZones, z => z.TzId == "Asia/Shanghai");
        Assert.Equal("Asia/Shanghai", a.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 3, 2, 10, 0, 0), a.DtStart.Value);
        Assert.Equal(new DateTime(2027, 3, 3, 10, 0, 0), b.DtStart!.Value);
        Assert.Equal(new DateTime(2027, 3, 3, 10, 45, 0), b.DtEnd!.Value);
        Assert.Equal("CONFIRMED", a.Status);
        Assert.Equal("CANCELLED", c.Status);
        Assert.Equal("CANCEL", cancelled.Method);
        // The committee's members with an address: the seat's own e-mail.
        Assert.Contains(a.Attendees, x => x.Value?.ToString() == $"mailto:seat@{tenant.Marker}.test");
        Assert.Equal($"mailto:seat@{tenant.Marker}.test", a.Organizer!.Value!.ToString());
    }

    [Fact]
    public async Task A_feed_answers_to_its_token_without_sign_in_with_only_the_person_s_committees_and_not_once_revoked()
    {
        var a = await TestTenant.CreateAsync(factory, "f");
        var b = await TestTenant.CreateAsync(factory, "g");
        var aUserId = await UserIdAsync(a.UserEmails[PortalRole.CommitteeMember]);
        var otherUserId = await UserIdAsync(a.UserEmails[PortalRole.Analyst]);
        // A sits on A's committee; B's committee (wrongly) seats the same account too, but the person has no
        // membership in B, so B's meeting must never reach their feed.
        await SeatAsync(a, aUserId);
        await SeatAsync(b, aUserId);
        var aMeeting = await UidAsync((long)a.RowIds[typeof(Meeting)]);
        var bMeeting = await UidAsync((long)b.RowIds[typeof(Meeting)]);
        var member = await factory.SignInAsync(a.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        var other = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var created = await member.PostFormAsync("/Calendar", "/Calendar/CreateFeed", []);
        var url = FeedUrl().Match(await created.Content.ReadAsStringAsync()).Groups[1].Value;
        var path = new Uri(url).AbsolutePath;
        var anonymous = factory.CreateBrowserlessClient();
        var feed = await anonymous.GetAsync(path);
        var text = await feed.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;
        var otherCreated = await other.PostFormAsync("/Calendar", "/Calendar/CreateFeed", []);
        var otherText = await anonymous.GetStringAsync(new Uri(FeedUrl().Match(await otherCreated.Content.ReadAsStringAsync()).Groups[1].Value).AbsolutePath);
        var page = await member.GetStringAsync("/Calendar");
        var feedId = Regex.Match(page, "name=\"feedId\" value=\"(\\d+)\"").Groups[1].Value;
        var revoked = await member.PostFormAsync("/Calendar", "/Calendar/RevokeFeed", new() { ["feedId"] = feedId });
        var afterRevoke = await anonymous.GetAsync(path);
        var unknown = await anonymous.GetAsync("/Calendar/Feed/" + new string('A', 43) + ".ics");

        Assert.Matches("^https?://[^/]+/Calendar/Feed/[A-Za-z0-9_-]{43}\\.ics$", url);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.StartsWith("text/calendar", feed.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains(calendar.Events, e => e.Uid == aMeeting);
        Assert.DoesNotContain(calendar.Events, e => e.Uid == bMeeting);
        Assert.DoesNotContain(b.Marker, text, StringComparison.OrdinalIgnoreCase);
        // The analyst sits on no committee: their feed holds none of A's meetings.
        Assert.DoesNotContain(aMeeting, otherText, StringComparison.Ordinal);
        Assert.DoesNotContain(url[^47..], page, StringComparison.Ordinal); // the address is shown once, not on the page after
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var stored = await db.CalendarFeeds.Where(f => f.UserId == aUserId).ToListAsync();
        Assert.All(stored, f => Assert.DoesNotContain(path.Split('/')[^1].Replace(".ics", "", StringComparison.Ordinal), f.TokenHash, StringComparison.Ordinal));
        Assert.All(stored, f => Assert.Equal(64, f.TokenHash.Length));
    }

    [Fact]
    public async Task Tenant_A_gets_404_for_tenant_B_s_invitation()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var analyst = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var own = await analyst.GetAsync($"/Calendar/Meeting/{a.RowIds[typeof(Meeting)]}.ics");
        var other = await analyst.GetAsync($"/Calendar/Meeting/{b.RowIds[typeof(Meeting)]}.ics");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(b.Marker, await other.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<long> ScheduleAsync(TestTenant tenant, string zone, DateTimeOffset at)
    {
        await using var scope = factory.PlatformScope(out var db);
        var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
        var seat = await db.CommitteeMembers.SingleAsync(m => m.TenantId == tenant.Id);
        seat.Change(seat.Name, seat.Side, seat.Title, CommitteeRole.Chair, true, true, null, $"seat@{tenant.Marker}.test");
        var meeting = Meeting.Schedule(committee, MeetingKind.Weekly, "Weekly sync", at, at.AddMinutes(45), zone, null, at.AddDays(-7));
        db.Meetings.Add(meeting);
        await db.SaveChangesAsync();
        return meeting.Id;
    }

    private async Task ChangeAsync(long meetingId, Action<Meeting> change)
    {
        await using var scope = factory.PlatformScope(out var db);
        change(await db.Meetings.SingleAsync(m => m.Id == meetingId));
        await db.SaveChangesAsync();
    }

    private static async Task<Ical.Net.Calendar> InvitationAsync(HttpClient client, long meetingId)
    {
        var response = await client.GetAsync($"/Calendar/Meeting/{meetingId}.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task SeatAsync(TestTenant tenant, string userId)
    {
        await using var scope = factory.PlatformScope(out var db);
        (await db.CommitteeMembers.SingleAsync(m => m.TenantId == tenant.Id)).LinkAccount(userId);
        await db.SaveChangesAsync();
    }

    private async Task<string> UidAsync(long meetingId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.Meetings.Where(m => m.Id == meetingId).Select(m => m.CalendarUid).SingleAsync();
    }

    [GeneratedRegex("id=\"feed-url\" readonly value=\"([^\"]+)\"")]
    private static partial Regex FeedUrl();
}
