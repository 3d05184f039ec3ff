using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features;

/// <summary>The six-month demo, seeded once per test run by the portal's start-up (see <see cref="DemoDatabaseTemplate"/>).</summary>
public sealed class SixMonthDemoFactory : PortalFactory
{
    protected override int DemoDays => 0;

    protected override bool DemoTemplate => true;
}

/// <summary>
/// The demo comes out of the real pipeline, so its figures must agree with each other: every alert has the events it
/// was raised on, every counter its events, every intel alert its list; and the story's attacks are there.
/// </summary>
public sealed class DemoDataTests(SixMonthDemoFactory factory) : IClassFixture<SixMonthDemoFactory>
{
    [Fact]
    public async Task Each_committee_held_and_closed_a_weekly_sync_every_week_with_minutes_from_its_agenda_and_has_the_next_two_planned()
    {
        await using var scope = factory.PlatformScope(out var db);
        var now = TimeProvider.System.GetUtcNow();
        foreach (var slug in new[] { "northwind-shop", "harbor-bank", "orbit-saas" })
        {
            var tenantId = await db.Tenants.Where(t => t.Slug == slug).Select(t => t.Id).SingleAsync();
            var meetings = (await db.Meetings.AsNoTracking().Include(m => m.Agenda).Where(m => m.TenantId == tenantId && m.Kind == MeetingKind.Weekly).ToListAsync())
                .OrderBy(m => m.ScheduledAt).ToList();
            var closed = meetings.Where(m => m.Status == MeetingStatus.Closed).ToList();
            var upcoming = meetings.Where(m => m.Status == MeetingStatus.Scheduled).ToList();

            // Six whole months and this month so far: at least 25 weeks, one sync a week, none missing.
            Assert.True(closed.Count >= 25, $"{slug}: {closed.Count} closed syncs");
            Assert.All(closed.Zip(closed.Skip(1)), p => Assert.Equal(7, (p.Second.ScheduledAt - p.First.ScheduledAt).TotalDays, 0.05));
            Assert.InRange(upcoming.Count, 2, 3);
            Assert.All(upcoming, m => Assert.True(m.ScheduledAt > now.AddMinutes(-60) && m.ScheduledAt < now.AddDays(15)));
            foreach (var m in closed)
            {
                Assert.NotEmpty(m.Agenda);
                // The minutes say what the agenda held: the count of incidents on it, each one's title.
                var incidents = m.Agenda.Where(a => a.Source == AgendaSource.Incident).ToList();
                Assert.Contains(incidents.Count == 0 ? "No incident was opened or closed this week." : $"Reviewed {incidents.Count} incident", m.Minutes, StringComparison.Ordinal);
                Assert.Contains($"Agenda of {m.Agenda.Count} item", m.Minutes, StringComparison.Ordinal);
                Assert.True(await db.CommitteeDecisions.AnyAsync(d => d.MeetingId == m.Id), $"{slug}: no decision at {m.Title}");
                Assert.True(await db.ActionItems.AnyAsync(a => a.MeetingId == m.Id && a.Origin == ActionItemOrigin.Meeting), $"{slug}: no action item at {m.Title}");
            }
            Assert.True(closed.Sum(m => m.Agenda.Count(a => a.Source == AgendaSource.Incident)) > 0, $"{slug}: no incident on any agenda");
            var items = await db.ActionItems.AsNoTracking().Where(a => a.TenantId == tenantId && a.Origin == ActionItemOrigin.Meeting).ToListAsync();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            Assert.Contains(items, a => a.Status == ActionItemStatus.Done && a.CompletedAt is not null);
            Assert.Contains(items, a => a.IsOverdue(today));
            Assert.Contains(items, a => a.IsOpen && !a.IsOverdue(today));
            // Overdue items were carried over to later agendas.
            Assert.Contains(closed, m => m.Agenda.Any(a => a.Source == AgendaSource.ActionItem && a.Title.StartsWith("Carried over", StringComparison.Ordinal)));
        }
        // Northwind's disputed report figure was on an agenda and answered there.
        Assert.True(await db.AgendaItems.AnyAsync(a => a.Source == AgendaSource.ReportDispute && a.Discussed));
    }

    [Fact]
    public async Task The_bank_shows_its_frozen_PCI_DSS_status_and_its_business_people_download_an_evidence_pack()
    {
        await using (var scope = factory.PlatformScope(out var db))
        {
            var bank = await db.Tenants.Where(t => t.Slug == "harbor-bank").Select(t => t.Id).SingleAsync();
            var checks = await db.ComplianceChecks.AsNoTracking().Where(c => c.TenantId == bank && c.FrameworkId == "pci-dss-4.0.1").OrderBy(c => c.Month).ToListAsync();
            // Six whole months ended since the demo began, each frozen once, each diffed against the one before.
            Assert.InRange(checks.Count, 6, 7);
            Assert.All(checks.Skip(1), c => Assert.NotNull(c.PreviousCheckId));
            Assert.All(checks, c => Assert.True(c.Met > 0 && c.NotAssessed > 0, $"{c.Month}: {c.Met} met, {c.NotAssessed} not assessed"));
            Assert.True(await db.ComplianceChecks.AnyAsync(c => c.TenantId == bank && c.FrameworkId == "nist-csf-2.0"));
            var orbit = await db.Tenants.Where(t => t.Slug == "orbit-saas").Select(t => t.Id).SingleAsync();
            Assert.True(await db.ComplianceChecks.AnyAsync(c => c.TenantId == orbit && c.FrameworkId == "gdpr"));
        }
        var committee = await factory.SignInAsync("ciso@harbor-bank.example", MsspPortal.Web.Demo.DemoSeeder.DemoPassword);

        var page = await committee.GetStringAsync("/Compliance/pci-dss-4.0.1?tenant=harbor-bank");
        var pack = await committee.GetAsync("/Compliance/pci-dss-4.0.1/EvidencePack?tenant=harbor-bank");

        Assert.Contains("data-control=\"3.4.1\"", page, StringComparison.Ordinal);
        Assert.Contains("Helena Brandt", page, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, pack.StatusCode);
        Assert.Equal("application/zip", pack.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Every_alert_runs_under_its_tenants_contract_service_levels_from_detection()
    {
        await using var scope = factory.PlatformScope(out var db);
        var targets = await db.ServiceContracts.SelectMany(c => c.SlaTargets)
            .Select(t => new { t.TenantId, t.Severity, t.AcknowledgeWithinMinutes, t.ResolveWithinMinutes }).ToListAsync();
        var alerts = await db.Alerts.Select(a => new { a.Id, a.TenantId, a.Severity, a.DetectedAt, a.AcknowledgeDueAt, a.ResolveDueAt, a.ClockPausedAt }).ToListAsync();

        Assert.NotEmpty(alerts);
        foreach (var a in alerts)
        {
            var target = targets.Single(t => t.TenantId == a.TenantId && t.Severity == a.Severity);
            // Exact unless the alert waited on the customer, which moves both deadlines later, never earlier.
            Assert.True(a.AcknowledgeDueAt >= a.DetectedAt.AddMinutes(target.AcknowledgeWithinMinutes), $"alert {a.Id}");
            Assert.True(a.ResolveDueAt >= a.DetectedAt.AddMinutes(target.ResolveWithinMinutes), $"alert {a.Id}");
            Assert.Equal(target.ResolveWithinMinutes - target.AcknowledgeWithinMinutes, (a.ResolveDueAt - a.AcknowledgeDueAt)!.Value.TotalMinutes);
        }
    }

    [Fact]
    public async Task Every_alert_rests_on_stored_events_or_on_the_alerts_it_sums()
    {
        await using var scope = factory.PlatformScope(out var db);

        Assert.True(await db.Alerts.CountAsync() > 50);
        var withoutEvents = await db.Alerts.Where(a => a.RuleId != BuiltInRuleIds.EntityRisk && !db.AlertEvents.Any(l => l.AlertId == a.Id))
            .Select(a => a.RuleId + " " + a.DedupKey).ToListAsync();
        Assert.Empty(withoutEvents);
        // Entity risk sums other alerts: its links are to them, not to events.
        var riskWithoutContributors = await db.Alerts.Where(a => a.RuleId == BuiltInRuleIds.EntityRisk && !db.AlertContributions.Any(c => c.AlertId == a.Id))
            .Select(a => a.DedupKey).ToListAsync();
        Assert.Empty(riskWithoutContributors);
        Assert.False(await db.AlertEvents.AnyAsync(l => !db.SecurityEvents.Any(e => e.Id == l.EventId && e.TenantId == l.TenantId)));
    }

    [Fact]
    public async Task The_story_s_incidents_are_closed_with_sourced_impact_and_their_alerts_linked()
    {
        await using var scope = factory.PlatformScope(out var db);

        var incidents = await db.Incidents.Join(db.Tenants, i => i.TenantId, t => t.Id, (i, t) => new { t.Slug, Incident = i }).ToListAsync();

        // A takeover wave at the bank every other month, the sale's DDoS at the shop, a takeover a month at orbit.
        Assert.Contains(incidents, i => i.Slug == "harbor-bank" && i.Incident.Title.StartsWith("Account takeover", StringComparison.Ordinal));
        Assert.Contains(incidents, i => i.Slug == "northwind-shop" && i.Incident.Title.StartsWith("DDoS on checkout", StringComparison.Ordinal));
        Assert.Contains(incidents, i => i.Slug == "orbit-saas");
        Assert.All(incidents, i =>
        {
            Assert.Equal(IncidentStatus.Closed, i.Incident.Status);
            Assert.False(string.IsNullOrWhiteSpace(i.Incident.LossSource));
            Assert.NotNull(i.Incident.BusinessServiceId);
            // The story's figures: no interruption, nothing lost (the records say so; nothing else is claimed).
            Assert.Equal((0, 0m), (i.Incident.DowntimeMinutes!.Value, i.Incident.ActualLoss!.Value));
        });
        var ids = incidents.Select(i => i.Incident.Id).ToList();
        Assert.All(ids, id => Assert.True(db.Alerts.Any(a => a.IncidentId == id), $"incident {id} has no alert"));
        Assert.Equal(ids.Count, await db.IncidentHistory.CountAsync(h => ids.Contains(h.IncidentId) && h.Field == "Impact"));
    }

    [Fact]
    public async Task Every_status_change_the_analysts_made_is_in_the_audit_log_as_well_as_on_the_alert()
    {
        await using var scope = factory.PlatformScope(out var db);

        var changes = await db.AlertHistory.Where(h => h.Field == "Status" && h.UserId != null)
            .Select(h => new { h.TenantId, h.AlertId, h.UserId, h.At }).ToListAsync();
        // The triage handler names each status-changing step's audit action after the step.
        string[] statusActions = ["alert.acknowledged", "alert.status-changed", "alert.escalated", "alert.resolved"];
        var audited = await db.AuditEntries.Where(a => statusActions.Contains(a.Action))
            .Select(a => new { a.TenantId, a.EntityId, a.UserId, a.At }).ToListAsync();

        Assert.True(changes.Count > 300, $"{changes.Count} analyst status changes");
        Assert.Equal(
            changes.Select(c => (c.TenantId, c.AlertId.ToString(System.Globalization.CultureInfo.InvariantCulture), c.UserId, c.At)).Order(),
            audited.Select(a => (a.TenantId, a.EntityId, a.UserId, a.At)).Order());
    }

    [Fact]
    public async Task Alerts_waiting_on_the_customer_carry_the_analysts_question_and_one_the_business_owners_answer()
    {
        await using var scope = factory.PlatformScope(out var db);
        var analyst = await UserIdAsync(db, "analyst@mssp.example");
        var owner = await UserIdAsync(db, "owner@northwind-shop.example");

        var waiting = await db.Alerts.Where(a => a.Status == AlertStatus.WaitingOnCustomer).ToListAsync();
        Assert.True(waiting.Count >= 2, $"{waiting.Count} alerts wait on the customer");
        var answered = 0;
        foreach (var alert in waiting)
        {
            var asked = await db.AlertHistory.Where(h => h.AlertId == alert.Id && h.Field == nameof(Alert.Status) && h.To == nameof(AlertStatus.WaitingOnCustomer))
                .OrderByDescending(h => h.Id).FirstAsync();
            Assert.Equal((analyst, asked.At), (asked.UserId, alert.ClockPausedAt));
            Assert.Equal(analyst, alert.AssigneeId);
            var comments = await db.Comments.Where(c => c.AlertId == alert.Id).OrderBy(c => c.Id).ToListAsync();
            // The question: the analyst's comment, made as the alert went waiting.
            Assert.Contains(comments, c => c.AuthorId == analyst && c.At == asked.At && c.Body.Contains('?', StringComparison.Ordinal));
            foreach (var answer in comments.Where(c => c.AuthorId == owner))
            {
                Assert.True(answer.At > asked.At, $"alert {alert.Id} answered before it was asked");
                Assert.True(await db.Memberships.AnyAsync(m => m.UserId == owner && m.TenantId == alert.TenantId && m.Role == PortalRole.BusinessOwner));
                Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "alert.answered" && a.UserId == owner && a.At == answer.At
                    && a.EntityId == alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                answered++;
            }
        }
        Assert.Equal(1, answered);
    }

    [Fact]
    public async Task Resolved_alerts_carry_the_disposition_the_story_gives_them()
    {
        await using var scope = factory.PlatformScope(out var db);
        var analyst = await UserIdAsync(db, "analyst@mssp.example");
        var victims = DemoLogs.HarborTakeoverVictims.Concat(DemoLogs.OrbitTakeoverVictims.Select(v => v + "@orbit.example")).ToList();
        var travellers = DemoLogs.OrbitTravellers.Select(v => v + "@orbit.example").ToList();

        var resolved = await db.Alerts.Where(a => a.Status == AlertStatus.Resolved).ToListAsync();
        Assert.NotEmpty(resolved);
        Assert.All(resolved, a => Assert.True(a.Disposition is not null && !string.IsNullOrWhiteSpace(a.DispositionReason) && a.AssigneeId == analyst, $"alert {a.Id}"));
        var escalated = (await db.AlertHistory.Where(h => h.Field == nameof(Alert.Status) && h.To == nameof(AlertStatus.Escalated) && h.UserId == analyst)
            .Select(h => h.AlertId).ToListAsync()).ToHashSet();

        // A "new location" logon is a false positive exactly when the user had signed in from that address in the 30 days before.
        var usual = new HashSet<long>();
        foreach (var a in resolved.Where(a => a.RuleId == BuiltInRuleIds.NewLoginLocation))
        {
            var from = a.FirstSeen.AddDays(-30);
            if (await db.SecurityEvents.AnyAsync(e => e.TenantId == a.TenantId && e.UserName == a.UserName && e.SourceIp == a.SourceIp
                && e.Outcome == MsspPortal.Core.Events.EventOutcome.Success && e.Timestamp >= from && e.Timestamp < a.FirstSeen))
            {
                usual.Add(a.Id);
            }
        }
        Assert.Equal(usual.Order(), resolved.Where(a => a.Disposition == AlertDisposition.FalsePositive).Select(a => a.Id).Order());
        // Staff at a market launch: legitimate. Takeover victims: escalated, then closed as true positives. The rest was blocked.
        var legitimate = resolved.Where(a => !usual.Contains(a.Id) && a.UserName is { } u && travellers.Contains(u, StringComparer.OrdinalIgnoreCase)).ToList();
        var takeovers = resolved.Where(a => !usual.Contains(a.Id) && a.UserName is { } u && victims.Contains(u, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(legitimate);
        Assert.NotEmpty(takeovers);
        Assert.All(legitimate, a => Assert.Equal(AlertDisposition.BenignTruePositive, a.Disposition));
        Assert.All(takeovers, a => Assert.True(a.Disposition == AlertDisposition.TruePositive && escalated.Contains(a.Id), $"takeover alert {a.Id}"));
        Assert.All(resolved.Except(legitimate).Where(a => !usual.Contains(a.Id)), a => Assert.Equal(AlertDisposition.TruePositive, a.Disposition));
        // No incident investigates an alert that turned out to be a false positive.
        Assert.DoesNotContain(resolved, a => a.Disposition == AlertDisposition.FalsePositive && a.IncidentId is not null);
    }

    [Fact]
    public async Task A_critical_alert_escalated_by_the_analyst_has_the_emergency_on_its_history()
    {
        await using var scope = factory.PlatformScope(out var db);
        var analyst = await UserIdAsync(db, "analyst@mssp.example");

        var emergencies = await db.AlertHistory.Where(h => h.Field == "Emergency" && h.To == "Announced").ToListAsync();
        Assert.NotEmpty(emergencies);
        foreach (var emergency in emergencies)
        {
            var alert = await db.Alerts.SingleAsync(a => a.Id == emergency.AlertId);
            Assert.Equal(AlertSeverity.Critical, alert.Severity);
            Assert.Equal(analyst, emergency.UserId);
            // Announced by the escalation itself: the same person at the same moment, audited.
            Assert.True(await db.AlertHistory.AnyAsync(h => h.AlertId == alert.Id && h.Field == nameof(Alert.Status) && h.To == nameof(AlertStatus.Escalated)
                && h.UserId == analyst && h.At == emergency.At), $"alert {alert.Id}");
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "alert.escalated" && a.UserId == analyst && a.At == emergency.At
                && a.EntityId == alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task The_live_queue_keeps_new_alerts_and_every_alert_under_way_is_assigned_to_the_analyst()
    {
        await using var scope = factory.PlatformScope(out var db);
        var analyst = await UserIdAsync(db, "analyst@mssp.example");

        Assert.True(await db.Alerts.CountAsync(a => a.Status == AlertStatus.New && a.AssigneeId == null) >= 10);
        var underWay = await db.Alerts.Where(a => a.Status != AlertStatus.New && a.Status != AlertStatus.Resolved).ToListAsync();
        Assert.Contains(underWay, a => a.Status == AlertStatus.InProgress);
        Assert.All(underWay, a => Assert.Equal(analyst, a.AssigneeId));
    }

    [Fact]
    public async Task Every_alert_names_a_rule_that_exists()
    {
        await using var scope = factory.PlatformScope(out var db);

        var known = BuiltInRules.All.Select(r => r.Id).Append(BuiltInRuleIds.EntityRisk).ToHashSet(StringComparer.OrdinalIgnoreCase);
        known.UnionWith(await db.TenantRules.Select(r => r.RuleId).ToListAsync());
        var used = await db.Alerts.Select(a => a.RuleId).Distinct().ToListAsync();

        Assert.DoesNotContain(used, id => !known.Contains(id));
    }

    [Fact]
    public async Task Log_source_counters_equal_the_stored_events_and_quarantined_lines()
    {
        await using var scope = factory.PlatformScope(out var db);

        var sources = await db.LogSources.ToListAsync();
        Assert.Equal(10, sources.Count);
        foreach (var source in sources)
        {
            var events = await db.SecurityEvents.LongCountAsync(e => e.LogSourceId == source.Id);
            var quarantined = await db.QuarantinedLines.LongCountAsync(q => q.LogSourceId == source.Id);
            Assert.True(events > 0, source.Name);
            Assert.Equal((source.Name, events, quarantined, events + quarantined), (source.Name, source.ParsedCount, source.QuarantinedCount, source.ReceivedCount));
        }
    }

    [Fact]
    public async Task Every_known_bad_alert_names_an_address_of_the_tenants_intel()
    {
        await using var scope = factory.PlatformScope(out var db);

        var alerts = await db.Alerts.Where(a => a.RuleId == BuiltInRuleIds.KnownBadIndicator).ToListAsync();
        Assert.NotEmpty(alerts);
        var intel = (await db.ThreatIntelIndicators.Select(i => new { i.TenantId, i.Value }).ToListAsync()).ToHashSet();
        Assert.All(alerts, a => Assert.True(
            intel.Contains(new { a.TenantId, Value = a.SourceIp ?? "" }) || intel.Contains(new { a.TenantId, Value = a.DestinationIp ?? "" }),
            $"{a.SourceIp} -> {a.DestinationIp}"));
    }

    [Fact]
    public async Task Each_tenant_has_events_in_each_of_the_six_months()
    {
        await using var scope = factory.PlatformScope(out var db);
        var calendar = new DemoCalendar(TimeProvider.System.GetUtcNow(), 0);

        foreach (var tenant in await db.Tenants.ToListAsync())
        {
            for (var month = calendar.Start; month < calendar.Start.AddMonths(6); month = month.AddMonths(1))
            {
                var (from, to) = (month, month.AddMonths(1));
                Assert.True(await db.SecurityEvents.AnyAsync(e => e.TenantId == tenant.Id && e.Timestamp >= from && e.Timestamp < to), $"{tenant.Slug} {month:yyyy-MM}");
            }
        }
    }

    [Fact]
    public async Task Northwind_sale_brings_a_ddos_an_order_flood_and_credential_stuffing()
    {
        await using var scope = factory.PlatformScope(out var db);
        var calendar = new DemoCalendar(TimeProvider.System.GetUtcNow(), 0);
        var from = new DateTimeOffset(calendar.SaleStart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(calendar.SaleEnd.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var rules = await AlertRulesAsync(db, "northwind-shop", from, to);

        Assert.Contains(BuiltInRuleIds.VolumetricDos, rules);
        Assert.Contains(BuiltInRuleIds.OrderFlood, rules);
        Assert.Contains(BuiltInRuleIds.PasswordSpraying, rules);
    }

    [Fact]
    public async Task Harbor_bank_sees_card_testing_every_month()
    {
        await using var scope = factory.PlatformScope(out var db);
        var calendar = new DemoCalendar(TimeProvider.System.GetUtcNow(), 0);

        for (var month = calendar.Start; month < calendar.Start.AddMonths(6); month = month.AddMonths(1))
        {
            var rules = await AlertRulesAsync(db, "harbor-bank", month, month.AddMonths(1));
            Assert.Contains(BuiltInRuleIds.CardTestingSource, rules);
        }
    }

    [Fact]
    public async Task Orbit_new_country_logons_are_closed_as_legitimate_or_escalated_as_takeovers()
    {
        await using var scope = factory.PlatformScope(out var db);
        var orbit = await db.Tenants.SingleAsync(t => t.Slug == "orbit-saas");

        var newCountry = await db.Alerts.Where(a => a.TenantId == orbit.Id && a.RuleId == BuiltInRuleIds.NewLoginLocation).ToListAsync();
        var escalated = await db.AlertHistory.Where(h => h.TenantId == orbit.Id && h.Field == nameof(Alert.Status) && h.To == nameof(AlertStatus.Escalated))
            .Select(h => h.AlertId).ToListAsync();

        var legitimate = newCountry.Where(a => a.Status == AlertStatus.Resolved && a.Disposition == AlertDisposition.BenignTruePositive).ToList();
        var takeovers = newCountry.Where(a => escalated.Contains(a.Id)).ToList();
        Assert.True(legitimate.Count > takeovers.Count, $"{legitimate.Count} legitimate, {takeovers.Count} takeovers");
        Assert.NotEmpty(takeovers);
        Assert.All(takeovers, a => Assert.Contains(a.UserName!.Split('@')[0], DemoLogs.OrbitTakeoverVictims));
    }

    [Fact]
    public async Task Each_tenant_has_published_reports_for_the_five_months_before_the_last_and_a_draft_for_the_last()
    {
        await using var scope = factory.PlatformScope(out var db);
        var now = TimeProvider.System.GetUtcNow();
        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var months = Enumerable.Range(1, 6).Select(i => thisMonth.AddMonths(-i)).Reverse().ToList();
        var tenants = await db.Tenants.Select(t => new { t.Id, t.Slug }).ToListAsync();
        var reports = await db.ValueReports.Include(r => r.Disputes).ToListAsync();
        var analystId = await db.Users.Where(u => u.Email == "analyst@mssp.example").Select(u => u.Id).SingleAsync();
        var ownerId = await db.Users.Where(u => u.Email == "owner@northwind-shop.example").Select(u => u.Id).SingleAsync();

        Assert.Equal(3, tenants.Count);
        foreach (var tenant in tenants)
        {
            var own = reports.Where(r => r.TenantId == tenant.Id).OrderBy(r => r.Month).ToList();
            Assert.Equal(months, own.Select(r => r.Month).ToList());
            Assert.Equal(ValueReportStatus.Draft, own[^1].Status);
            Assert.All(own[..^1], r =>
            {
                Assert.True(r.IsPublished, $"{tenant.Slug} {r.Month}");
                Assert.Equal(analystId, r.PublishedBy);
                Assert.True(r.PublishedAt > r.BuiltAt);
            });
            Assert.All(own, r => Assert.Equal(ValueReport.Hash(r.Snapshot), r.ContentHash));
            if (tenant.Slug == "northwind-shop")
            {
                // The owner acknowledged all but one, and disputed one figure of that one with a comment.
                var disputed = Assert.Single(own, r => r.Status == ValueReportStatus.Disputed);
                var dispute = Assert.Single(disputed.Disputes);
                Assert.Equal((ownerId, DemoValueReports.DisputeComment), (dispute.By, dispute.Comment));
                Assert.Contains($"\"key\":\"{dispute.FigureKey}\"", disputed.Snapshot, StringComparison.Ordinal);
                Assert.Equal(4, own.Count(r => r.Status == ValueReportStatus.Acknowledged && r.AcknowledgedBy == ownerId));
            }
            else
            {
                // No business owner among the demo people: published, waiting for one.
                Assert.All(own[..^1], r => Assert.Equal(ValueReportStatus.Published, r.Status));
            }
        }
    }

    [Fact]
    public async Task Most_days_are_quiet()
    {
        await using var scope = factory.PlatformScope(out var db);

        var days = (await db.Alerts.Select(a => new { a.TenantId, a.FirstSeen }).ToListAsync())
            .GroupBy(a => (a.TenantId, a.FirstSeen.UtcDateTime.Date)).Select(g => g.Count()).ToList();
        var calendarDays = 3 * new DemoCalendar(TimeProvider.System.GetUtcNow(), 0).Days().Count();

        // Days with any alert are a minority, and a busy day has a handful, not hundreds.
        Assert.True(days.Count < calendarDays / 2, $"{days.Count} of {calendarDays} tenant-days have alerts");
        Assert.True(days.Max() < 40, $"the busiest tenant-day has {days.Max()} alerts");
    }

    [Fact]
    public async Task Each_demo_tenant_has_a_business_profile_with_a_baseline_an_assumption_set_and_monthly_figures()
    {
        await using var scope = factory.PlatformScope(out var db);
        var tenants = await db.Tenants.ToDictionaryAsync(t => t.Slug, t => t.Id);
        var contract = await db.ServiceContracts.ToDictionaryAsync(c => c.TenantId, c => c.StartsOn);
        var calendar = new DemoCalendar(TimeProvider.System.GetUtcNow(), 0);
        var lastMonth = new DateOnly(calendar.Now.Year, calendar.Now.Month, 1).AddMonths(-1);

        foreach (var slug in new[] { "northwind-shop", "harbor-bank", "orbit-saas" })
        {
            var id = tenants[slug];
            var profile = await db.BusinessProfiles.SingleAsync(p => p.TenantId == id);
            Assert.True(profile.CustomerStaffHourlyCost > 0, slug);
            Assert.NotNull(profile.Baseline.AnnualRevenue);
            Assert.True(profile.Baseline.MeasuredOn < contract[id], $"{slug}: the baseline is measured before the contract starts");
            Assert.Contains("onboarding workshop", profile.Baseline.Source, StringComparison.Ordinal);
            var first = await db.ValueAssumptionSets.Include(s => s.Assumptions).SingleAsync(s => s.TenantId == id && s.Version == 1);
            Assert.NotEmpty(first.Assumptions);
            Assert.All(first.Assumptions, a => Assert.True(a.IsMsspDefault));
            // Six whole months of figures, each month reported.
            var months = await db.ReportedFigures.Where(f => f.TenantId == id).Select(f => f.Month).Distinct().ToListAsync();
            Assert.Equal(Enumerable.Range(0, 6).Select(i => lastMonth.AddMonths(-i)).Order(), months.Order());
        }

        var northwind = await db.BusinessProfiles.SingleAsync(p => p.TenantId == tenants["northwind-shop"]);
        var harbor = await db.BusinessProfiles.SingleAsync(p => p.TenantId == tenants["harbor-bank"]);
        var orbit = await db.BusinessProfiles.SingleAsync(p => p.TenantId == tenants["orbit-saas"]);
        Assert.Equal((0.8m, 0.3m, 8m, 10m), (northwind.Baseline.FraudRatePercent!.Value, harbor.Baseline.FraudRatePercent!.Value,
            harbor.Baseline.InterruptionHoursPerMonth!.Value, orbit.Baseline.ComplianceAuditDays!.Value));
        // The sale month: +25% on the baseline year's monthly revenue.
        var saleMonth = new DateOnly(calendar.SaleStart.Year, calendar.SaleStart.Month, 1);
        var saleRevenue = await db.ReportedFigures.SingleAsync(f => f.TenantId == tenants["northwind-shop"] && f.Metric == ReportedMetric.Revenue && f.Month == saleMonth);
        Assert.Equal(decimal.Round(northwind.Baseline.AnnualRevenue!.Value / 12 * 1.25m, 0), saleRevenue.Value);
        // Harbor's card revenue at +20% in the month just ended, posted by the bank's systems.
        var cards = await db.ReportedFigures.SingleAsync(f => f.TenantId == tenants["harbor-bank"] && f.Metric == ReportedMetric.Revenue && f.Month == lastMonth);
        Assert.Equal((decimal.Round(harbor.Baseline.AnnualRevenue!.Value / 12 * 1.2m, 0), ReportedFigureChannel.Api), (cards.Value, cards.Channel));
        // Orbit's ten markets, entered over the months.
        var markets = (await db.ReportedFigures.Where(f => f.TenantId == tenants["orbit-saas"] && f.Metric == ReportedMetric.NewMarkets).Select(f => f.Value).ToListAsync()).Sum();
        Assert.Equal(10m, markets);
        // The owner states that security caused the fall of her staff's hours; nobody claims the sales.
        var owner = await UserIdAsync(db, "owner@northwind-shop.example");
        Assert.True(await db.ReportedFigures.AnyAsync(f => f.CausalityConfirmedBy == owner && f.Metric == ReportedMetric.SecurityStaffHours));
        Assert.False(await db.ReportedFigures.AnyAsync(f => f.CausalityConfirmedBy != null && f.Metric == ReportedMetric.Revenue));
        // Harbor's committee delegate approved the set: version 2.
        var delegateId = await UserIdAsync(db, "committee@harbor-bank.example");
        var approved = await db.ValueAssumptionSets.Include(s => s.Assumptions).SingleAsync(s => s.TenantId == tenants["harbor-bank"] && s.Version == 2);
        Assert.All(approved.Assumptions, a => Assert.Equal(delegateId, a.ApprovedBy));
    }

    private static Task<string> UserIdAsync(PortalDbContext db, string email) => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();

    private static async Task<List<string>> AlertRulesAsync(PortalDbContext db, string slug, DateTimeOffset from, DateTimeOffset to)
    {
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == slug);
        return await db.Alerts.Where(a => a.TenantId == tenant.Id && a.FirstSeen >= from && a.FirstSeen < to).Select(a => a.RuleId).Distinct().ToListAsync();
    }
}

/// <summary>A short demo at a fixed time, seeded by each factory itself: the same seed and clock give the same alerts.</summary>
public sealed class FixedClockDemoFactory : PortalFactory
{
    protected override int DemoDays => 2;

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero))));
}

public sealed class DemoDeterminismTests
{
    [Fact]
    public async Task Two_seeds_with_the_same_clock_give_the_same_alerts()
    {
        var first = await AlertKeysAsync();
        var second = await AlertKeysAsync();

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    private static async Task<List<string>> AlertKeysAsync()
    {
        await using var factory = new FixedClockDemoFactory();
        await using var scope = factory.PlatformScope(out var db);
        var alerts = await db.Alerts.Join(db.Tenants, a => a.TenantId, t => t.Id, (a, t) => new { t.Slug, a.RuleId, a.DedupKey, a.FirstSeen, a.EventCount, a.Status })
            .ToListAsync();
        var events = await db.SecurityEvents.CountAsync();
        return [.. alerts.Select(a => $"{a.Slug} {a.RuleId} {a.DedupKey} {a.FirstSeen:O} {a.EventCount} {a.Status}").Order(StringComparer.Ordinal).Prepend($"events {events}")];
    }
}
