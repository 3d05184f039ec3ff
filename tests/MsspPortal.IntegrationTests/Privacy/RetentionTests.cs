using System.Net;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Retention;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;
using Moq;

namespace MsspPortal.IntegrationTests.Privacy;

// Retention per tenant and kind: hand-built rows a day either side of each cutoff, run on a fake clock through the
// job's handler in the tenant's scope; floors refused without a justification through the page; what is kept for the
// contract's life survives a one-month setting; another tenant's rows survive the first tenant's run.
public sealed class RetentionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // The test tenant's own rows are stamped with the real clock: "now" is that clock, so they are always the newest.
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow().AddMinutes(5);

    [Fact]
    public async Task Rows_a_day_older_than_each_limit_are_deleted_and_rows_a_day_newer_are_kept()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rc");
        var rawBefore = Now.AddMonths(-12);
        var alertsBefore = Now.AddMonths(-24);
        var auditBefore = Now.AddMonths(-36);
        long oldBatch, newBatch, oldAlert, newAlert;
        await using (var scope = factory.PlatformScope(out var db))
        {
            oldBatch = await BatchAsync(db, tenant, rawBefore.AddDays(-1));
            newBatch = await BatchAsync(db, tenant, rawBefore.AddDays(1));
            db.SecurityEvents.AddRange(Event(tenant, rawBefore.AddDays(-1), "old-event"), Event(tenant, rawBefore.AddDays(1), "new-event"));
            db.AuditEntries.AddRange(Audit(tenant, auditBefore.AddDays(-1), "old-audit"), Audit(tenant, auditBefore.AddDays(1), "new-audit"));
            oldAlert = await ResolvedAlertAsync(db, tenant, alertsBefore.AddDays(-1));
            newAlert = await ResolvedAlertAsync(db, tenant, alertsBefore.AddDays(1));
            await db.SaveChangesAsync();
        }

        var results = await RunAsync(tenant.Id);

        Assert.Equal([(RetentionKind.RawLogs, 1L), (RetentionKind.SecurityEvents, 1L), (RetentionKind.Alerts, 1L), (RetentionKind.AuditLog, 1L)],
            results.Select(r => (r.Kind, r.Deleted)));
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.Equal(new[] { (long)tenant.RowIds[typeof(RawBatch)], newBatch }.Order(),
                (await db.RawBatches.Where(b => b.TenantId == tenant.Id).Select(b => b.Id).ToListAsync()).Order());
            Assert.False(await db.RawBatches.AnyAsync(b => b.Id == oldBatch));
            Assert.False(await db.RawBatchChunks.AnyAsync(c => c.BatchId == oldBatch));
            Assert.False(await db.QuarantinedLines.AnyAsync(q => q.BatchId == oldBatch));
            Assert.True(await db.RawBatchChunks.AnyAsync(c => c.BatchId == newBatch));
            Assert.True(await db.QuarantinedLines.AnyAsync(q => q.BatchId == newBatch));
            Assert.Equal(["new-event", $"raw-{tenant.Marker}"], (await db.SecurityEvents.Where(e => e.TenantId == tenant.Id).Select(e => e.RawLine).ToListAsync()).Order());
            Assert.False(await db.Alerts.AnyAsync(a => a.Id == oldAlert));
            Assert.False(await db.AlertHistory.AnyAsync(h => h.AlertId == oldAlert));
            Assert.False(await db.Comments.AnyAsync(c => c.AlertId == oldAlert));
            Assert.True(await db.Alerts.AnyAsync(a => a.Id == newAlert));
            Assert.True(await db.Comments.AnyAsync(c => c.AlertId == newAlert));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.TenantId == tenant.Id && a.EntityId == "old-audit"));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.TenantId == tenant.Id && a.EntityId == "new-audit"));
            // One entry per kind with the count and the cutoff's date.
            var entries = await db.AuditEntries.Where(a => a.TenantId == tenant.Id && a.Action == "retention.purged")
                .Select(a => new { a.EntityType, a.EntityId }).ToListAsync();
            Assert.Equal(
                [("Alerts", $"deleted=1;before={alertsBefore:yyyy-MM-dd}"), ("AuditLog", $"deleted=1;before={auditBefore:yyyy-MM-dd}"),
                 ("RawLogs", $"deleted=1;before={rawBefore:yyyy-MM-dd}"), ("SecurityEvents", $"deleted=1;before={rawBefore:yyyy-MM-dd}")],
                entries.Select(e => (e.EntityType, e.EntityId)).Order());
        }
    }

    [Fact]
    public async Task More_rows_than_one_batch_are_all_deleted_and_counted_exactly()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rb");
        var before = Now.AddMonths(-12);
        await using (var scope = factory.PlatformScope(out var db))
        {
            // 23 old events (3 full batches of 7 and one of 2), 4 new ones; 9 old audit entries under a 12-month setting.
            db.SecurityEvents.AddRange(Enumerable.Range(0, 23).Select(i => Event(tenant, before.AddDays(-1 - i), $"old-{i}")));
            db.SecurityEvents.AddRange(Enumerable.Range(0, 4).Select(i => Event(tenant, before.AddDays(1 + i), $"new-{i}")));
            db.AuditEntries.AddRange(Enumerable.Range(0, 9).Select(i => Audit(tenant, before.AddDays(-2 - i), $"old-{i}")));
            var policy = RetentionPolicy.For(tenant.Id, RetentionKind.AuditLog);
            policy.Change(12, null, "test", Now);
            db.RetentionPolicies.Add(policy);
            await db.SaveChangesAsync();
        }

        var results = await RunAsync(tenant.Id, batchSize: 7);

        Assert.Equal(23, results.Single(r => r.Kind == RetentionKind.SecurityEvents).Deleted);
        Assert.Equal(9, results.Single(r => r.Kind == RetentionKind.AuditLog).Deleted);
        await using (var scope = factory.PlatformScope(out var db))
        {
            // The 4 new events and the test tenant's own one.
            Assert.Equal(5, await db.SecurityEvents.CountAsync(e => e.TenantId == tenant.Id));
            Assert.Equal($"deleted=23;before={before:yyyy-MM-dd}", await db.AuditEntries
                .Where(a => a.TenantId == tenant.Id && a.Action == "retention.purged" && a.EntityType == "SecurityEvents").Select(a => a.EntityId).SingleAsync());
            Assert.Equal($"deleted=9;before={before:yyyy-MM-dd}", await db.AuditEntries
                .Where(a => a.TenantId == tenant.Id && a.Action == "retention.purged" && a.EntityType == "AuditLog").Select(a => a.EntityId).SingleAsync());
        }

        // A second run finds nothing more to delete.
        Assert.All(await RunAsync(tenant.Id, batchSize: 7), r => Assert.Equal(0, r.Deleted));
    }

    [Fact]
    public async Task Incidents_their_alerts_reports_and_committee_records_outlive_a_one_month_setting()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rk");
        var old = Now.AddMonths(-30);
        long inIncident, inActivation, plain, incidentId, reportId, meetingId, decisionId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
            var incident = Incident.Open(tenant.Id, "old incident", AlertSeverity.High, old);
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            incidentId = incident.Id;
            inIncident = await ResolvedAlertAsync(db, tenant, old, incident.Id);
            inActivation = await ResolvedAlertAsync(db, tenant, old);
            plain = await ResolvedAlertAsync(db, tenant, old);
            db.EmergencyActivations.Add(EmergencyActivation.Declare(committee, null, inActivation, "old activation", "system", old));
            var report = ValueReport.Draft(tenant.Id, DateOnly.FromDateTime(old.UtcDateTime), "{\"old\":true}", 0, old);
            report.Publish("system", old.AddDays(3));
            db.ValueReports.Add(report);
            var meeting = Meeting.Schedule(committee, MeetingKind.Weekly, old);
            meeting.Hold(old, "old minutes");
            db.Meetings.Add(meeting);
            await db.SaveChangesAsync();
            var decision = CommitteeDecision.Record(tenant.Id, committee.Id, "old decision", null, old, "system", meetingId: meeting.Id);
            db.CommitteeDecisions.Add(decision);
            foreach (var kind in RetentionKinds.All)
            {
                var policy = RetentionPolicy.For(tenant.Id, kind);
                policy.Change(1, "test: shortest setting", "test", Now);
                db.RetentionPolicies.Add(policy);
            }
            await db.SaveChangesAsync();
            (reportId, meetingId, decisionId) = (report.Id, meeting.Id, decision.Id);
        }

        var results = await RunAsync(tenant.Id);

        Assert.Equal(1, results.Single(r => r.Kind == RetentionKind.Alerts).Deleted);
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.False(await db.Alerts.AnyAsync(a => a.Id == plain));
            Assert.True(await db.Alerts.AnyAsync(a => a.Id == inIncident && a.IncidentId == incidentId));
            Assert.True(await db.AlertHistory.AnyAsync(h => h.AlertId == inIncident));
            Assert.True(await db.Alerts.AnyAsync(a => a.Id == inActivation));
            Assert.True(await db.Incidents.AnyAsync(i => i.Id == incidentId));
            Assert.True(await db.ValueReports.AnyAsync(r => r.Id == reportId && r.Status == ValueReportStatus.Published));
            Assert.True(await db.Meetings.AnyAsync(m => m.Id == meetingId));
            Assert.True(await db.CommitteeDecisions.AnyAsync(d => d.Id == decisionId));
        }
    }

    [Fact]
    public async Task Running_for_one_tenant_leaves_another_tenants_old_rows_alone()
    {
        var a = await TestTenant.CreateAsync(factory, "ra");
        var b = await TestTenant.CreateAsync(factory, "rz");
        var old = Now.AddMonths(-40);
        await using (var scope = factory.PlatformScope(out var db))
        {
            foreach (var t in new[] { a, b })
            {
                db.SecurityEvents.Add(Event(t, old, "old-event"));
                db.AuditEntries.Add(Audit(t, old, "old-audit"));
            }
            await db.SaveChangesAsync();
            await ResolvedAlertAsync(db, b, old);
            await BatchAsync(db, b, old);
        }

        var results = await RunAsync(a.Id);

        Assert.Equal([0L, 1L, 0L, 1L], results.Select(r => r.Deleted));
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.False(await db.SecurityEvents.AnyAsync(e => e.TenantId == a.Id && e.RawLine == "old-event"));
            Assert.True(await db.SecurityEvents.AnyAsync(e => e.TenantId == b.Id && e.RawLine == "old-event"));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.TenantId == b.Id && e.EntityId == "old-audit"));
            // The test tenant's own alert and batch, and the old ones added above.
            Assert.Equal((2, 2), (await db.Alerts.CountAsync(x => x.TenantId == b.Id), await db.RawBatches.CountAsync(x => x.TenantId == b.Id)));
            Assert.False(await db.AuditEntries.AnyAsync(e => e.TenantId == b.Id && e.Action == "retention.purged"));
        }
    }

    [Fact]
    public async Task A_setting_below_a_floor_is_refused_with_the_form_kept_until_a_justification_is_recorded()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rf");
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var page = $"/Privacy/Retention?tenantId={tenant.Id}";
        var form = Form(tenant, pciDss: true, chinaCsl: true, raw: 4, events: 9, eventsWhy: null);

        var refused = await analyst.PostFormAsync(page, "/Privacy/Retention", form);
        var refusedHtml = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        form = Form(tenant, pciDss: true, chinaCsl: true, raw: 12, events: 9, eventsWhy: "Events are also kept 5 years in the bank's own SIEM (contract §4).");
        var saved = await analyst.PostFormAsync(page, "/Privacy/Retention", form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        // Raw logs: the higher floor (PCI DSS 12) is the one named; events likewise.
        Assert.Contains("Raw log batches and quarantined lines: 4 months is below the PCI DSS floor of 12 months (PCI DSS v4.0.1 Requirement 10.5.1",
            refusedHtml, StringComparison.Ordinal);
        Assert.Contains("Security events: 9 months is below the PCI DSS floor of 12 months", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"9\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"4\"", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var events = await db.RetentionPolicies.SingleAsync(p => p.TenantId == tenant.Id && p.Kind == RetentionKind.SecurityEvents);
            Assert.Equal((9, "Events are also kept 5 years in the bank's own SIEM (contract §4)."), (events.Months, events.Justification));
            var scopeRow = await db.RetentionScopes.SingleAsync(s => s.TenantId == tenant.Id);
            Assert.True(scopeRow.PciDss && scopeRow.ChinaCsl);
            Assert.True(await db.AuditEntries.AnyAsync(e => e.TenantId == tenant.Id && e.Action == "retention.updated"));
        }

        // China's floor alone: 6 months of network logs; the audit log has none under it.
        var csl = Form(tenant, pciDss: false, chinaCsl: true, raw: 5, events: 6, eventsWhy: null);
        csl["Settings[3].Months"] = "2";
        var cslHtml = WebUtility.HtmlDecode(await (await analyst.PostFormAsync(page, "/Privacy/Retention", csl)).Content.ReadAsStringAsync());
        Assert.Contains("Raw log batches and quarantined lines: 5 months is below the China CSL floor of 6 months (Cybersecurity Law of the PRC, Article 21(3)",
            cslHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Security events: 6 months is below", cslHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit log: 2 months is below", cslHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_auditor_reads_settings_and_last_run_without_a_form_and_nobody_reads_another_tenants()
    {
        var a = await TestTenant.CreateAsync(factory, "rr");
        var b = await TestTenant.CreateAsync(factory, "ry");
        await using (var scope = factory.PlatformScope(out var db))
        {
            db.SecurityEvents.AddRange(Enumerable.Range(0, 3).Select(i => Event(a, Now.AddMonths(-13), $"old-{i}")));
            await db.SaveChangesAsync();
        }
        await RunAsync(a.Id);
        var auditor = await factory.SignInAsync(a.UserEmails[PortalRole.Auditor], TestTenant.Password);
        var analyst = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var owner = await factory.SignInAsync(a.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var html = WebUtility.HtmlDecode(await auditor.GetStringAsync($"/Privacy/Retention?tenantId={a.Id}"));
        var other = await analyst.GetAsync($"/Privacy/Retention?tenantId={b.Id}");
        var ownerPage = await owner.GetAsync($"/Privacy/Retention?tenantId={a.Id}");

        Assert.DoesNotContain("id=\"save-retention\"", html, StringComparison.Ordinal);
        Assert.Contains("3 deleted (older than", html, StringComparison.Ordinal);
        Assert.Contains("Value reports (drafts and published)", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, ownerPage.StatusCode);
    }

    [Fact]
    public async Task The_nightly_job_enqueues_each_active_tenant_and_runs_one_in_its_own_scope()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rj");
        await using (var arrange = factory.PlatformScope(out var db))
        {
            db.SecurityEvents.Add(Event(tenant, Now.AddMonths(-40), "old-event"));
            await db.SaveChangesAsync();
        }
        var jobs = new Mock<IBackgroundJobClient>();

        int enqueued, active;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var job = new RetentionJob(scope.ServiceProvider.GetRequiredService<ISender>(), jobs.Object, scope.ServiceProvider.GetRequiredService<ITenantContext>());
            enqueued = await job.EnqueuePerTenantAsync(CancellationToken.None);
        }
        await using (var check = factory.PlatformScope(out var db))
        {
            active = await db.Tenants.CountAsync(t => t.IsActive);
        }
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var job = new RetentionJob(scope.ServiceProvider.GetRequiredService<ISender>(), jobs.Object, scope.ServiceProvider.GetRequiredService<ITenantContext>());
            await job.RunForTenantAsync(tenant.Id, CancellationToken.None);
        }

        Assert.Equal(active, enqueued);
        jobs.Verify(j => j.Create(It.Is<Job>(x => x.Method.Name == nameof(RetentionJob.RunForTenantAsync)), It.IsAny<IState>()), Times.Exactly(active));
        await using (var after = factory.PlatformScope(out var db))
        {
            Assert.False(await db.SecurityEvents.AnyAsync(e => e.TenantId == tenant.Id && e.RawLine == "old-event"));
            Assert.Equal(4, await db.AuditEntries.CountAsync(e => e.TenantId == tenant.Id && e.Action == "retention.purged"));
        }
    }

    [Fact]
    public async Task The_demo_bank_keeps_13_months_under_the_pci_floor_and_the_saas_tenant_has_chinas_floor()
    {
        await using var scope = factory.PlatformScope(out var db);
        var bank = await db.Tenants.Where(t => t.Slug == "harbor-bank").Select(t => t.Id).SingleAsync();
        var saas = await db.Tenants.Where(t => t.Slug == "orbit-saas").Select(t => t.Id).SingleAsync();

        var bankMonths = await db.RetentionPolicies.Where(p => p.TenantId == bank).ToDictionaryAsync(p => p.Kind, p => p.Months);
        var scopes = await db.RetentionScopes.Where(s => s.TenantId == bank || s.TenantId == saas).ToDictionaryAsync(s => s.TenantId, s => (s.PciDss, s.ChinaCsl));

        Assert.Equal((13, 13), (bankMonths[RetentionKind.RawLogs], bankMonths[RetentionKind.SecurityEvents]));
        Assert.Equal((true, false), scopes[bank]);
        Assert.Equal((false, true), scopes[saas]);
    }

    private async Task<IReadOnlyList<RetentionResult>> RunAsync(Guid tenantId, int batchSize = 2_000)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var clock = new FakeTimeProvider(Now);
        var handler = new ApplyRetentionHandler(db, clock, new AuditLog(db, scope.ServiceProvider.GetRequiredService<ICurrentUser>(), clock),
            Options.Create(new RetentionOptions { BatchSize = batchSize }));
        return await handler.Handle(new ApplyRetention(tenantId), CancellationToken.None);
    }

    private static Dictionary<string, string> Form(TestTenant tenant, bool pciDss, bool chinaCsl, int raw, int events, string? eventsWhy)
    {
        var form = new Dictionary<string, string>
        {
            ["TenantId"] = tenant.Id.ToString(), ["PciDss"] = pciDss ? "true" : "false", ["ChinaCsl"] = chinaCsl ? "true" : "false",
            ["Settings[0].Kind"] = "RawLogs", ["Settings[0].Months"] = raw.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Settings[1].Kind"] = "SecurityEvents", ["Settings[1].Months"] = events.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Settings[1].Justification"] = eventsWhy ?? "",
            ["Settings[2].Kind"] = "Alerts", ["Settings[2].Months"] = "24",
            ["Settings[3].Kind"] = "AuditLog", ["Settings[3].Months"] = "36",
        };
        return form;
    }

    private static SecurityEvent Event(TestTenant tenant, DateTimeOffset at, string raw) => new()
    {
        TenantId = tenant.Id, LogSourceId = (long)tenant.RowIds[typeof(LogSource)], Timestamp = at, ReceivedAt = at, RawLine = raw,
    };

    private static AuditEntry Audit(TestTenant tenant, DateTimeOffset at, string id) =>
        new() { TenantId = tenant.Id, Action = "test", EntityType = "Test", EntityId = id, At = at };

    // A resolved alert with a comment, detected at the given time (linked to an incident when one is given).
    private static async Task<long> ResolvedAlertAsync(PortalDbContext db, TestTenant tenant, DateTimeOffset at, long? incidentId = null)
    {
        var alert = Alert.Raise(tenant.Id, "retention-rule", "retention", AlertSeverity.Low, 10, at);
        alert.Resolve(AlertDisposition.FalsePositive, "noise", null, at.AddHours(1));
        if (incidentId is not null)
        {
            alert.LinkToIncident(incidentId, null, at.AddHours(1));
        }
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        db.Comments.Add(Comment.OnAlert(alert, "system", "a comment", at.AddHours(2)));
        await db.SaveChangesAsync();
        return alert.Id;
    }

    // A finished batch received at the given time, with one chunk and one quarantined line.
    private static async Task<long> BatchAsync(PortalDbContext db, TestTenant tenant, DateTimeOffset at)
    {
        var source = (long)tenant.RowIds[typeof(LogSource)];
        var batch = RawBatch.BeginReceiving(tenant.Id, source, IngestChannel.Api, at, at.AddMinutes(1));
        db.RawBatches.Add(batch);
        await db.SaveChangesAsync();
        var content = "line"u8.ToArray();
        db.RawBatchChunks.Add(batch.AppendChunk(content, 1, at.AddMinutes(1)));
        batch.Received(Guid.NewGuid().ToString("N"), content.Length);
        batch.Acknowledge(null);
        batch.Claim(at, at.AddMinutes(1));
        batch.ChunkWritten(0, 1, at.AddMinutes(1));
        batch.Complete(at);
        db.QuarantinedLines.Add(QuarantinedLine.Hold(tenant.Id, source, batch.Id, 1, at, "unparsed", "line", [], truncated: false));
        await db.SaveChangesAsync();
        return batch.Id;
    }
}
