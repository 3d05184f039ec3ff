using FluentValidation;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Alerts;

namespace MsspPortal.IntegrationTests.Features.Triage;

public sealed class TriageAlertsTests(TriageFactory factory) : IClassFixture<TriageFactory>
{
    [Fact]
    public async Task An_analyst_acknowledges_takes_comments_and_resolves_with_history_audit_and_the_clock_time()
    {
        var tenant = await TestTenant.CreateAsync(factory, "t");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var analystId = await factory.UserIdAsync(analyst);
        var id = await factory.RaiseAsync(tenant.Id, AlertSeverity.High);
        var t0 = factory.Clock.GetUtcNow();

        var acknowledged = await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.Acknowledge)));
        var again = await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.Acknowledge)));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.AssignToMe)));
        await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.Comment, Reason: "Checked the <b>proxy</b> logs")));
        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        var resolved = await factory.SendAsAsync(analyst, new TriageAlerts([id],
            new TriageAction(TriageVerb.Resolve, Disposition: AlertDisposition.FalsePositive, Reason: "Backup job")));

        Assert.Equal(new TriageResult(1, 0, []), acknowledged with { Refused = [] });
        Assert.Equal((0, 1), (again.Changed, again.Unchanged));
        Assert.Equal((1, 0), (resolved.Changed, resolved.Unchanged));
        await using var scope = factory.PlatformScope(out var db);
        var alert = await db.Alerts.SingleAsync(a => a.Id == id);
        Assert.Equal(AlertStatus.Resolved, alert.Status);
        Assert.Equal(AlertDisposition.FalsePositive, alert.Disposition);
        Assert.Equal("Backup job", alert.DispositionReason);
        Assert.Equal(analystId, alert.AssigneeId);
        Assert.Equal(t0, alert.AcknowledgedAt);
        Assert.Equal(t0.AddMinutes(35), alert.ResolvedAt);
        var history = await db.AlertHistory.Where(h => h.AlertId == id).OrderBy(h => h.Id).Select(h => new { h.Field, h.To, h.UserId }).ToListAsync();
        Assert.Equal(["Status:New", "Status:Acknowledged", "AssigneeId:" + analystId, "Disposition:FalsePositive", "Status:Resolved"],
            history.Select(h => $"{h.Field}:{h.To}"));
        Assert.All(history.Skip(1), h => Assert.Equal(analystId, h.UserId));
        var comment = await db.Comments.SingleAsync(c => c.AlertId == id);
        Assert.Equal("Checked the <b>proxy</b> logs", comment.Body);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Alert) && a.EntityId == key).Select(a => a.Action).ToListAsync();
        Assert.Equal(["alert.acknowledged", "alert.assigned", "alert.commented", "alert.resolved"], audit);
    }

    [Fact]
    public async Task Resolving_without_a_disposition_or_a_reason_and_an_empty_comment_are_refused_before_anything_changes()
    {
        var tenant = await TestTenant.CreateAsync(factory, "v");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var id = await factory.RaiseAsync(tenant.Id, AlertSeverity.Low);

        await Assert.ThrowsAsync<ValidationException>(() => factory.SendAsAsync(analyst,
            new TriageAlerts([id], new TriageAction(TriageVerb.Resolve, Reason: "no disposition"))));
        await Assert.ThrowsAsync<ValidationException>(() => factory.SendAsAsync(analyst,
            new TriageAlerts([id], new TriageAction(TriageVerb.Resolve, Disposition: AlertDisposition.TruePositive, Reason: "  "))));
        await Assert.ThrowsAsync<ValidationException>(() => factory.SendAsAsync(analyst,
            new TriageAlerts([id], new TriageAction(TriageVerb.Comment, Reason: new string('x', Comment.MaxBodyLength + 1)))));
        await Assert.ThrowsAsync<ValidationException>(() => factory.SendAsAsync(analyst,
            new TriageAlerts([id], new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.Resolved))));

        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(AlertStatus.New, (await db.Alerts.SingleAsync(a => a.Id == id)).Status);
    }

    [Fact]
    public async Task Alerts_of_other_tenants_are_not_found_and_roles_count_per_tenant()
    {
        var own = await TestTenant.CreateAsync(factory, "o");
        var other = await TestTenant.CreateAsync(factory, "x");
        var audited = await TestTenant.CreateAsync(factory, "u");
        var analyst = own.UserEmails[PortalRole.Analyst];
        await using (var scope = factory.PlatformScope(out var db))
        {
            // The same person audits a third tenant: they read its alerts but may not triage them.
            db.Memberships.Add(new TenantMembership { TenantId = audited.Id, UserId = await factory.UserIdAsync(analyst), Role = PortalRole.Auditor, GrantedAt = factory.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
        var mine = await factory.RaiseAsync(own.Id, AlertSeverity.Medium);
        var foreign = await factory.RaiseAsync(other.Id, AlertSeverity.Medium);
        var auditedAlert = await factory.RaiseAsync(audited.Id, AlertSeverity.Medium);

        var result = await factory.SendAsAsync(analyst, new TriageAlerts([mine, foreign, auditedAlert], new TriageAction(TriageVerb.Acknowledge)));

        Assert.Equal(1, result.Changed);
        Assert.Equal([$"Alert {foreign}: not found.", $"Alert {auditedAlert}: you may not triage this tenant's alerts."], result.Refused);
        await using var check = factory.PlatformScope(out var db2);
        Assert.Equal(AlertStatus.New, (await db2.Alerts.SingleAsync(a => a.Id == foreign)).Status);
        Assert.Equal(AlertStatus.New, (await db2.Alerts.SingleAsync(a => a.Id == auditedAlert)).Status);
    }

    [Fact]
    public async Task Only_MSSP_staff_who_triage_the_tenant_can_be_assigned()
    {
        var tenant = await TestTenant.CreateAsync(factory, "a");
        var other = await TestTenant.CreateAsync(factory, "b");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var id = await factory.RaiseAsync(tenant.Id, AlertSeverity.Medium);

        var owner = await factory.SendAsAsync(analyst, new TriageAlerts([id],
            new TriageAction(TriageVerb.Assign, AssigneeId: await factory.UserIdAsync(tenant.UserEmails[PortalRole.BusinessOwner]))));
        var otherAnalyst = await factory.SendAsAsync(analyst, new TriageAlerts([id],
            new TriageAction(TriageVerb.Assign, AssigneeId: await factory.UserIdAsync(other.UserEmails[PortalRole.Analyst]))));
        var admin = await factory.SendAsAsync(analyst, new TriageAlerts([id],
            new TriageAction(TriageVerb.Assign, AssigneeId: await factory.UserIdAsync("admin@mssp.example"))));
        var unassigned = await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.Unassign)));

        Assert.Single(owner.Refused);
        Assert.Single(otherAnalyst.Refused);
        Assert.Equal(1, admin.Changed);
        Assert.Equal(1, unassigned.Changed);
    }

    [Fact]
    public async Task Escalating_a_critical_alert_announces_an_emergency_recorded_on_its_history_once()
    {
        var tenant = await TestTenant.CreateAsync(factory, "e");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var critical = await factory.RaiseAsync(tenant.Id, AlertSeverity.Critical);
        var high = await factory.RaiseAsync(tenant.Id, AlertSeverity.High);

        await factory.SendAsAsync(analyst, new TriageAlerts([critical, high], new TriageAction(TriageVerb.Escalate, Reason: "Ransomware on the file server")));
        await factory.SendAsAsync(analyst, new TriageAlerts([critical], new TriageAction(TriageVerb.Escalate)));

        await using var scope = factory.PlatformScope(out var db);
        var emergency = await db.AlertHistory.Where(h => h.Field == "Emergency" && (h.AlertId == critical || h.AlertId == high)).ToListAsync();
        var note = Assert.Single(emergency);
        Assert.Equal(critical, note.AlertId);
        Assert.Contains("joint committee", note.Reason, StringComparison.Ordinal);
        Assert.Contains("Ransomware on the file server", note.Reason, StringComparison.Ordinal);
        Assert.Equal(AlertStatus.Escalated, (await db.Alerts.SingleAsync(a => a.Id == high)).Status);
    }

    [Fact]
    public async Task Waiting_on_the_customer_pauses_both_SLA_deadlines_for_as_long_as_it_waits()
    {
        var tenant = await TestTenant.CreateAsync(factory, "w");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var id = await factory.RaiseAsync(tenant.Id, AlertSeverity.High, new SlaTerms(30, 240));
        var t0 = factory.Clock.GetUtcNow();

        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.WaitingOnCustomer, Reason: "Is this your admin?")));
        factory.Clock.Advance(TimeSpan.FromHours(3));
        await factory.SendAsAsync(analyst, new TriageAlerts([id], new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.InProgress)));

        await using var scope = factory.PlatformScope(out var db);
        var alert = await db.Alerts.SingleAsync(a => a.Id == id);
        Assert.Null(alert.ClockPausedAt);
        Assert.Equal(t0.AddMinutes(10), alert.AcknowledgedAt);
        Assert.Equal(t0.AddMinutes(240).AddHours(3), alert.ResolveDueAt);
    }
}
