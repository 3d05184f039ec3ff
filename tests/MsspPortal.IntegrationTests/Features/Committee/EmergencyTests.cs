using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Committee.Emergency;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Committee;

// The portal on a fake clock with the e-mail path replaced by a recorder (SMTP is an external system).
public sealed class EmergencyFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public RecordingPageSender Mail { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Scoped<IPageSender>(_ => Mail));
    }
}

public sealed class RecordingPageSender : IPageSender
{
    private readonly List<PageMail> _sent = [];

    public bool Enabled => true;

    public IReadOnlyList<PageMail> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task SendAsync(PageMail mail, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add(mail);
        }
        return Task.CompletedTask;
    }
}

public sealed class EmergencyTests(EmergencyFactory factory) : IClassFixture<EmergencyFactory>
{
    // Seats on the test tenant's committee: the analyst leads incidents (MSSP), an MSSP decider without an account,
    // the business owner chairs for the customer with authority, the committee member is the customer's secretary.
    private sealed record Seats(long Incident, long Lead, long MsspDecider, long CustomerChair, long Secretary, long Plain);

    [Fact]
    public async Task Escalating_a_Critical_incident_activates_the_committee_and_pages_both_sides_at_once()
    {
        var tenant = await TestTenant.CreateAsync(factory, "e");
        var seats = await SeatAsync(tenant, AlertSeverity.Critical);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var now = factory.Clock.GetUtcNow();
        var mailedBefore = factory.Mail.Sent.Count;

        await PostAsync(analyst, $"/Incidents/Escalate/{seats.Incident}", ("reason", "checkout down"));

        await using (var scope = factory.PlatformScope(out var db))
        {
            var activation = await db.EmergencyActivations.Include(a => a.Pages).SingleAsync(a => a.IncidentId == seats.Incident);
            Assert.Equal((tenant.Id, ActivationState.Paging, now, "checkout down"), (activation.TenantId, activation.State, activation.DeclaredAt, activation.Reason));
            // The four named roles, not the plain member; MSSP and customer in the same instant.
            Assert.Equal(new[] { seats.Lead, seats.MsspDecider, seats.CustomerChair, seats.Secretary }.Order(), activation.Pages.Select(p => p.MemberId).Order());
            Assert.All(activation.Pages, p => Assert.Equal((PageReason.Initial, now, (DateTimeOffset?)now), (p.Reason, p.SentAt, p.EmailedAt)));
            var meeting = await db.Meetings.SingleAsync(m => m.Id == activation.MeetingId);
            Assert.Equal((MeetingKind.Emergency, (long?)seats.Incident), (meeting.Kind, meeting.IncidentId));
        }
        var mails = factory.Mail.Sent.Skip(mailedBefore).Select(m => m.To).Order().ToList();
        Assert.Equal(new[] { "decider@" + tenant.Marker + ".test", tenant.UserEmails[PortalRole.Analyst], tenant.UserEmails[PortalRole.BusinessOwner], tenant.UserEmails[PortalRole.CommitteeMember] }.Order(), mails);

        // A second escalation of the same incident adds to the activation.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await PostAsync(analyst, $"/Incidents/Escalate/{seats.Incident}", ("reason", "still down"));
        await using (var scope = factory.PlatformScope(out var db))
        {
            var activation = await db.EmergencyActivations.Include(a => a.Pages).Include(a => a.Updates).SingleAsync(a => a.IncidentId == seats.Incident);
            Assert.Equal(4, activation.Pages.Count);
            Assert.Equal("Escalated again: still down", Assert.Single(activation.Updates).Text);
        }
    }

    [Fact]
    public async Task A_member_acknowledges_from_the_banner_and_the_clock_repeats_only_the_silent()
    {
        var tenant = await TestTenant.CreateAsync(factory, "k");
        var seats = await SeatAsync(tenant, AlertSeverity.Critical);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var start = factory.Clock.GetUtcNow();
        await PostAsync(analyst, $"/Incidents/Escalate/{seats.Incident}", ("reason", "DDoS"));
        var id = await ActivationOfAsync(seats.Incident);
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var banner = await owner.GetStringAsync("/Emergency");
        Assert.Contains("You are paged", banner, StringComparison.Ordinal);
        Assert.Contains($"/Emergency/{id}/Acknowledge", banner, StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromMinutes(3));
        var response = await PostAsync(owner, $"/Emergency/{id}/Acknowledge", ("returnUrl", "/Emergency"));
        Assert.Equal("/Emergency", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("You are paged", await owner.GetStringAsync("/Emergency"), StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await TickAsync(tenant.Id);
        await using var scope = factory.PlatformScope(out var db);
        var activation = await db.EmergencyActivations.Include(a => a.Pages).SingleAsync(a => a.Id == id);
        Assert.Equal(ActivationState.Assembling, activation.State);
        Assert.Equal(start.AddMinutes(3), activation.Pages.Single(p => p.MemberId == seats.CustomerChair).AcknowledgedAt);
        // At +5 the three silent members are paged again; the owner, who answered, is not.
        Assert.Equal(new[] { seats.Lead, seats.MsspDecider, seats.Secretary }.Order(),
            activation.Pages.Where(p => p.Reason == PageReason.Repeat).Select(p => p.MemberId).Order());
        Assert.All(activation.Pages.Where(p => p.Reason == PageReason.Repeat), p => Assert.Equal(start.AddMinutes(5), p.SentAt));
    }

    [Fact]
    public async Task A_decision_goes_on_the_incident_timeline_and_one_without_authority_is_flagged()
    {
        var tenant = await TestTenant.CreateAsync(factory, "d");
        var seats = await SeatAsync(tenant, AlertSeverity.Critical);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        await PostAsync(analyst, $"/Incidents/Escalate/{seats.Incident}", ("reason", "DDoS"));
        var id = await ActivationOfAsync(seats.Incident);
        var at = factory.Clock.GetUtcNow();

        await PostAsync(analyst, $"/Emergency/{id}/Decide", ("Text", "Switch on DDoS scrubbing for checkout"), ("DeciderId", Str(seats.CustomerChair)));
        await PostAsync(analyst, $"/Emergency/{id}/Decide", ("Text", "Refund every bot order"), ("DeciderId", Str(seats.Secretary)));
        var empty = await PostAsync(analyst, $"/Emergency/{id}/Decide", ("Text", "Half a decision"), ("DeciderId", ""));

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var rejected = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Name the member who decided.", rejected, StringComparison.Ordinal);
        Assert.Contains("Half a decision", rejected, StringComparison.Ordinal);
        var page = await analyst.GetStringAsync($"/Emergency/{id}");
        Assert.Contains("not authorised", page, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        var decisions = await db.CommitteeDecisions.Where(d => d.ActivationId == id).OrderBy(d => d.Id).ToListAsync();
        Assert.Equal([true, false], decisions.Select(d => d.Authorised));
        Assert.All(decisions, d => Assert.Equal(seats.Incident, d.IncidentId));
        var timeline = await db.IncidentHistory.Where(h => h.IncidentId == seats.Incident && h.Field == "Committee decision").OrderBy(h => h.Id)
            .Select(h => new { h.To, h.Reason, h.At }).ToListAsync();
        Assert.Equal(["Owner " + tenant.Marker, "Secretary " + tenant.Marker + " (not authorised)"], timeline.Select(t => t.To));
        Assert.Equal(["Switch on DDoS scrubbing for checkout", "Refund every bot order"], timeline.Select(t => t.Reason));
        Assert.All(timeline, t => Assert.Equal(at, t.At));
    }

    [Fact]
    public async Task Session_runs_to_review_and_only_the_chair_or_secretary_closes_it()
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        var seats = await SeatAsync(tenant, AlertSeverity.High);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        HttpClient secretary;
        var start = factory.Clock.GetUtcNow();

        var activated = await PostAsync(analyst, "/Emergency/Activate", ("TenantId", tenant.Id.ToString()), ("Reason", "Bot orders at checkout"), ("IncidentId", Str(seats.Incident)));
        var location = activated.Headers.Location!.OriginalString;
        var id = long.Parse(location.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"/Emergency/{id}", location);

        await PostAsync(analyst, $"/Emergency/{id}/Open");
        factory.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Contains("overdue", await analyst.GetStringAsync($"/Emergency/{id}"), StringComparison.Ordinal);
        await PostAsync(analyst, $"/Emergency/{id}/Update", ("Text", "Scrubbing on"));
        factory.Clock.Advance(TimeSpan.FromMinutes(60));
        await PostAsync(analyst, $"/Emergency/{id}/Stable");
        var stableAt = factory.Clock.GetUtcNow();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        // A day later: signed in again (the sign-in cookie lasts hours, not days).
        analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        secretary = await factory.SignInAsync(tenant.UserEmails[PortalRole.CommitteeMember], TestTenant.Password);
        await PostAsync(analyst, $"/Emergency/{id}/Review", ("Summary", "Scrubbing held; bot accounts frozen"));
        await PostAsync(analyst, $"/Emergency/{id}/FollowUp", ("Title", "Rate-limit account creation"), ("OwnerId", Str(seats.Lead)), ("DueOn", "2027-01-15"));

        var refused = await PostAsync(analyst, $"/Emergency/{id}/Close");
        Assert.Contains("Only the chair or the secretary", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await PostAsync(secretary, $"/Emergency/{id}/Close");

        await using var scope = factory.PlatformScope(out var db);
        var activation = await db.EmergencyActivations.SingleAsync(a => a.Id == id);
        Assert.Equal(ActivationState.Closed, activation.State);
        Assert.Equal(stableAt.AddDays(3), activation.ReviewDueAt);
        Assert.Equal(start, activation.InSessionAt);
        var meeting = await db.Meetings.SingleAsync(m => m.Id == activation.MeetingId);
        Assert.Equal((MeetingStatus.Closed, (DateTimeOffset?)start, (DateTimeOffset?)stableAt), (meeting.Status, meeting.HeldAt, meeting.EndedAt));
        var item = await db.ActionItems.SingleAsync(i => i.ActivationId == id);
        Assert.Equal((seats.Incident, ActionItemOrigin.EmergencyActivation, (long?)seats.Lead, new DateOnly(2027, 1, 15)), (item.IncidentId!.Value, item.Origin, item.OwnerMemberId, item.DueOn!.Value));
        Assert.Contains(await db.IncidentHistory.Where(h => h.IncidentId == seats.Incident).Select(h => h.Reason).ToListAsync(), r => r == "Joint committee activated: Bot orders at checkout");
    }

    [Fact]
    public async Task The_button_keeps_a_rejected_form_and_refuses_another_tenant()
    {
        var tenant = await TestTenant.CreateAsync(factory, "b");
        var other = await TestTenant.CreateAsync(factory, "o");
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var empty = await PostAsync(analyst, "/Emergency/Activate", ("TenantId", tenant.Id.ToString()), ("Reason", ""), ("IncidentId", "77"));
        var foreign = await PostAsync(analyst, "/Emergency/Activate", ("TenantId", other.Id.ToString()), ("Reason", "forged"));
        var foreignAck = await PostAsync(analyst, $"/Emergency/{other.RowIds[typeof(EmergencyActivation)]}/Acknowledge");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var body = await empty.Content.ReadAsStringAsync();
        Assert.Contains("Say why the committee is activated.", body, StringComparison.Ordinal);
        Assert.Contains("value=\"77\"", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignAck.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/Emergency/{other.RowIds[typeof(EmergencyActivation)]}")).StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.EmergencyActivations.CountAsync(a => a.TenantId == other.Id));
    }

    private async Task<Seats> SeatAsync(TestTenant tenant, AlertSeverity severity)
    {
        await using var scope = factory.PlatformScope(out var db);
        var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
        async Task<string> UserOf(PortalRole role) => await db.Users.Where(u => u.Email == tenant.UserEmails[role]).Select(u => u.Id).SingleAsync();
        var lead = Seat(committee, "Lead " + tenant.Marker, CommitteeSide.Mssp, CommitteeRole.Member, false, true, await UserOf(PortalRole.Analyst), null);
        var decider = Seat(committee, "Decider " + tenant.Marker, CommitteeSide.Mssp, CommitteeRole.Member, true, false, null, "decider@" + tenant.Marker + ".test");
        var chair = Seat(committee, "Owner " + tenant.Marker, CommitteeSide.Customer, CommitteeRole.Chair, true, false, await UserOf(PortalRole.BusinessOwner), null);
        var secretary = Seat(committee, "Secretary " + tenant.Marker, CommitteeSide.Customer, CommitteeRole.Secretary, false, false, await UserOf(PortalRole.CommitteeMember), null);
        var plain = Seat(committee, "Plain " + tenant.Marker, CommitteeSide.Customer, CommitteeRole.Member, false, false, null, "plain@" + tenant.Marker + ".test");
        db.CommitteeMembers.AddRange(lead, decider, chair, secretary, plain);
        var incident = Incident.Open(tenant.Id, "DDoS on checkout " + tenant.Marker, severity, factory.Clock.GetUtcNow());
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return new Seats(incident.Id, lead.Id, decider.Id, chair.Id, secretary.Id, plain.Id);
    }

    private static CommitteeMember Seat(JointCommittee committee, string name, CommitteeSide side, CommitteeRole role, bool authority, bool leads, string? userId, string? email)
    {
        var member = CommitteeMember.Appoint(committee, name, side, "title", userId);
        member.Change(name, side, "title", role, authority, leads, null, email);
        return member;
    }

    private async Task<long> ActivationOfAsync(long incidentId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.EmergencyActivations.Where(a => a.IncidentId == incidentId).Select(a => a.Id).SingleAsync();
    }

    // What the minute job does for the tenant.
    private async Task TickAsync(Guid tenantId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new TickActivations());
    }

    private static string Str(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, params (string Key, string Value)[] fields)
    {
        var token = await client.AntiforgeryTokenAsync("/Emergency");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }
}
