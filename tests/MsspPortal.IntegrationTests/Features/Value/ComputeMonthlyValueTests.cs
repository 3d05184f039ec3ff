using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.Core.Events;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value;
using MsspPortal.Web.Features.Value.Model;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Value;

// A golden tenant whose every figure of November 2026 is worked out by hand below (in the comments and the asserts'
// arithmetic), then read back through the calculator on a fake clock; and the month boundary in a tenant's zone.
public sealed class ComputeMonthlyValueTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 2, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset Nov(int day, int hour = 10, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_figure_of_the_golden_tenant_matches_the_hand_computation()
    {
        var golden = await SeedGoldenAsync();
        var figures = await ComputeAsync(golden.Tenant.Id, 2026, 11);
        decimal? V(string key) => Assert.Single(figures.Figures, f => f.Key == key).Value;

        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (figures.From, figures.To));
        Assert.Equal((Now, 0, "CNY"), (figures.ComputedAt, figures.AssumptionVersion, figures.Currency));

        // Attacks stopped: a1 (TP, T1190 initial access → delivery) + a2 (TP, T1078+T1498 → impact) + i2 (closed, no alerts
        // → delivery). Not a3 (false positive), a4 (benign), a5 (merged into a1), a6 (October), i1 (its a2 already
        // counted), i3 (only a false positive).
        Assert.Equal(3m, V(ValueKeys.AttacksStopped));
        Assert.Equal((0m, 2m, 0m, 0m, 1m), (V("protection.attacks-stopped.reconnaissance"), V("protection.attacks-stopped.delivery"),
            V("protection.attacks-stopped.exploitation"), V("protection.attacks-stopped.lateral"), V("protection.attacks-stopped.impact")));
        var attacks = figures.Find(ValueKeys.AttacksStopped)!;
        Assert.Equal($"/Alerts?status=resolved&tenant={golden.Tenant.Slug}&disposition=true-positive&from=2026-11-01&to=2026-11-30", attacks.Link);
        Assert.Contains("1 without a known ATT&CK technique counted at delivery", attacks.Note, StringComparison.Ordinal);

        // Interruption: i1 60 + i2 30 + i3 0 = 90 minutes; baseline 8 h × 60 = 480.
        var interruption = figures.Find(ValueKeys.InterruptionMinutes)!;
        Assert.Equal((90m, 480m), (interruption.Value, interruption.Baseline));
        Assert.Equal($"/Incidents?status=closed&tenant={golden.Tenant.Slug}", interruption.Link);
        // Actual loss: i1 5,000 + i2 0 + i3 0, its own line.
        Assert.Equal(5_000m, V(ValueKeys.ActualLoss));

        // Fraud: 100 business events in November, of which e0 and e1 succeeded and belong to a2 (true positive); e2
        // succeeded but belongs to a3 (false positive); e3 failed although it belongs to a1. Rate 2 / 100 × 100 = 2 %.
        // Avoided: (5 − 2) / 100 × 100 transactions × 500 = 1,500.
        Assert.Equal(2m, V(ValueKeys.FraudRate));
        Assert.Equal(5m, figures.Find(ValueKeys.FraudRate)!.Baseline);
        Assert.Equal(1_500m, V(ValueKeys.FraudLossAvoided));

        // Loss avoided: the same simulation over the attacks as derived by hand — a1 delivery on Shop (10,000/h),
        // a2 impact on Payments (20,000/h), i2 delivery on Shop (recorded at closing) — with the CNY defaults, version 0.
        var defaults = ValueAssumptionDefaults.For("CNY").ToDictionary(a => a.Key);
        var expected = LossAvoidedSimulation.Run(
            [new StoppedAttack(KillChainStage.Delivery, 10_000m), new StoppedAttack(KillChainStage.Impact, 20_000m), new StoppedAttack(KillChainStage.Delivery, 10_000m)],
            key => defaults[key], Xoshiro256StarStar.SeedFor(golden.Tenant.Id, 2026, 11, 0));
        var loss = figures.Find(ValueKeys.LossAvoided)!;
        Assert.Equal((Math.Round((decimal)expected.P50), Math.Round((decimal)expected.P10), Math.Round((decimal)expected.P90)), (loss.Value, loss.Low, loss.High));
        Assert.True(loss.Low <= loss.Value && loss.Value <= loss.High && loss.High > 0);
        Assert.Contains("MSSP defaults (version 0)", loss.Note, StringComparison.Ordinal);

        // Detect (detected − first seen) over a1 6, a2 2, a3 10, a4 4, a7 1, a8 30 → 1 2 4 6 10 30: median (3rd) 4, P90 (6th) 30.
        Assert.Equal((4m, 30m), (V(ValueKeys.Mttd), V(ValueKeys.Mttd + ".p90")));
        // Acknowledge: a1 10, a2 20, a3 30, a4 5 → 5 10 20 30: median (2nd) 10, P90 (4th) 30.
        Assert.Equal((10m, 30m), (V(ValueKeys.Mtta), V(ValueKeys.Mtta + ".p90")));
        // Resolve: a1 100, a2 200, a3 30, a4 5 → median 30, P90 200; baseline 6 h = 360 min. High: a1 alone, 100; target 240.
        Assert.Equal((30m, 200m, 360m), (V(ValueKeys.Mttr), V(ValueKeys.Mttr + ".p90"), figures.Find(ValueKeys.Mttr)!.Baseline));
        Assert.Equal(100m, V("efficiency.mttr.p50.high"));
        Assert.Equal("Contract target: 240 min.", figures.Find("efficiency.mttr.p50.high")!.Note);
        Assert.Equal("Contract target: 15 min.", figures.Find("efficiency.mtta.p90.critical")!.Note);
        // Low: a4 resolved in 5; a8 still open.
        Assert.Equal(5m, V("efficiency.mttr.p50.low"));

        // SLA: a1 (high, 30/240) acknowledged in 10 and resolved in 100: 2 of 2. a2 (critical, 15/120) in 20 and 200: 0 of 2;
        // a7 (critical) open and past both deadlines on 1 December: 0 of 2. Overall 2 of 6 = 33.3 %.
        Assert.Equal((100m, 0m, 33.3m), (V("efficiency.sla-attainment.high"), V("efficiency.sla-attainment.critical"), V(ValueKeys.SlaAttainment)));

        // Funnel: 105 events (100 business + 5 network) in November; alerts a1 a2 a3 a4 a5 a7 a8 = 7, without the merged a5 = 6;
        // suppressed: a8's burst summary 3 + the suppression's 4 = 7; resolved in November a1 a2 a3 a4: a4 by the system (1),
        // the others by analysts (3); incidents opened i1..i4 = 4.
        Assert.Equal((105m, 7m, 6m, 7m, 1m, 3m, 4m), (V(ValueKeys.FunnelEvents), V(ValueKeys.FunnelAlerts), V(ValueKeys.FunnelDeduplicated),
            V(ValueKeys.FunnelSuppressed), V(ValueKeys.FunnelAutoResolved), V(ValueKeys.FunnelTriaged), V(ValueKeys.FunnelIncidents)));

        // Hours handled: a1 high 60 + a2 critical 120 + a3 medium 30 = 210 min = 3.5 h (capacity, not money).
        Assert.Equal(3.5m, V(ValueKeys.HoursHandled));
        // Customer hours: baseline 120 − reported 80 = 40 h; × 200 an hour = 8,000.
        Assert.Equal((40m, 8_000m), (V(ValueKeys.CustomerHoursFreed), V(ValueKeys.CustomerHoursFreedValue)));
        // Audit: baseline 10 days − 6 reported for November's audit = 4.
        Assert.Equal(4m, V(ValueKeys.AuditTimeSaved));

        // Growth: revenue as reported, never claimed as caused by security.
        var revenue = figures.Find("growth.revenue")!;
        Assert.Equal((1_000_000m, ValueFamily.BusinessGrowth, "reported by the tenant; not claimed as caused by security"), (revenue.Value, revenue.Family, revenue.Note));

        // Every figure carries its formula.
        Assert.All(figures.Figures, f => Assert.False(string.IsNullOrWhiteSpace(f.Formula), f.Key));
        var headline = figures.Headlines[0];
        Assert.StartsWith("In November we stopped 3 attacks; interruption fell from 8 h a month before the service to 1.5 h; estimated loss avoided ¥", headline, StringComparison.Ordinal);
        Assert.EndsWith("(P10–P90).", headline, StringComparison.Ordinal);
        Assert.Contains(figures.Headlines, h => h.StartsWith("Losses actually incurred, as recorded on closed incidents: ¥5k", StringComparison.Ordinal));
        Assert.InRange(figures.Headlines.Count, 2, 4);
    }

    [Fact]
    public async Task The_same_inputs_give_identical_figures_and_the_attacks_link_lists_the_alerts_counted()
    {
        var golden = await SeedGoldenAsync();
        var first = await ComputeAsync(golden.Tenant.Id, 2026, 11);
        var second = await ComputeAsync(golden.Tenant.Id, 2026, 11);

        Assert.Equal(first.Figures, second.Figures);
        Assert.Equal(first.Headlines, second.Headlines);

        var client = await factory.SignInAsync(golden.Tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var page = await client.GetStringAsync(first.Find(ValueKeys.AttacksStopped)!.Link);
        // a1 and a2: the alerts among the three attacks (the third is an incident without alerts).
        Assert.Equal(2, Regex.Count(page, "<tr data-id=\""));
    }

    [Fact]
    public async Task A_revised_assumption_set_is_used_and_named_by_its_version()
    {
        var golden = await SeedGoldenAsync();
        await using (var scope = factory.PlatformScope(out var db))
        {
            var set = ValueAssumptionSet.First(golden.Tenant.Id,
                [ValueAssumption.Range("response-cost", "Response cost", AssumptionDistribution.Pert, 1m, 2m, 3m, "currency", "committee decision", 2026, "chair", Now)],
                "u1", Now);
            db.ValueAssumptionSets.Add(set);
            await db.SaveChangesAsync();
        }

        var figures = await ComputeAsync(golden.Tenant.Id, 2026, 11);

        Assert.Equal(1, figures.AssumptionVersion);
        Assert.Contains("MSSP defaults used for", figures.Find(ValueKeys.LossAvoided)!.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("response-cost", figures.Find(ValueKeys.LossAvoided)!.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_at_17_00_utc_on_31_october_belongs_to_november_in_shanghai_and_to_october_in_utc()
    {
        var shanghai = await SeedBoundaryAsync("Asia/Shanghai");
        var utc = await SeedBoundaryAsync("UTC");

        var novemberInShanghai = await ComputeAsync(shanghai, 2026, 11);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), novemberInShanghai.From);
        Assert.Equal((1m, 1m), (novemberInShanghai.Find(ValueKeys.AttacksStopped)!.Value, novemberInShanghai.Find(ValueKeys.FunnelAlerts)!.Value));
        Assert.Equal(0m, (await ComputeAsync(shanghai, 2026, 10)).Find(ValueKeys.AttacksStopped)!.Value);

        Assert.Equal(0m, (await ComputeAsync(utc, 2026, 11)).Find(ValueKeys.AttacksStopped)!.Value);
        Assert.Equal(1m, (await ComputeAsync(utc, 2026, 10)).Find(ValueKeys.AttacksStopped)!.Value);
    }

    [Fact]
    public async Task A_tenant_with_no_profile_and_no_records_gets_every_figure_with_a_reason_where_none_can_be_given()
    {
        var tenant = await TestTenant.CreateAsync(factory, "v0");

        var figures = await ComputeAsync(tenant.Id, 2026, 11);

        Assert.Equal(0m, figures.Find(ValueKeys.AttacksStopped)!.Value);
        Assert.Equal((0m, 0m, 0m), (figures.Find(ValueKeys.LossAvoided)!.Value, figures.Find(ValueKeys.LossAvoided)!.Low, figures.Find(ValueKeys.LossAvoided)!.High));
        Assert.Null(figures.Find(ValueKeys.FraudLossAvoided)!.Value);
        Assert.Equal("no audit this month", figures.Find(ValueKeys.AuditTimeSaved)!.Note);
        Assert.Null(figures.Find(ValueKeys.CustomerHoursFreed)!.Value);
        Assert.Null(figures.Find(ValueKeys.InterruptionMinutes)!.Baseline);
        Assert.Equal("In November we stopped 0 attacks; business interruption was 0 min.", figures.Headlines[0]);
    }

    private async Task<ValueFigures> ComputeAsync(Guid tenantId, int year, int month)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await new ComputeMonthlyValueHandler(db, new FakeTimeProvider(Now)).Handle(new ComputeMonthlyValue(tenantId, year, month), CancellationToken.None);
    }

    private async Task<Guid> SeedBoundaryAsync(string zone)
    {
        var tenant = await TestTenant.CreateAsync(factory, "vb");
        await using var scope = factory.PlatformScope(out var db);
        var row = await db.Tenants.SingleAsync(t => t.Id == tenant.Id);
        row.TimeZone = zone;
        var at = new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero);
        var alert = Alert.Raise(tenant.Id, "r-edge", "edge", AlertSeverity.High, 60, at.AddMinutes(-30), new AlertFacts { Techniques = "T1190" });
        alert.Resolve(AlertDisposition.TruePositive, "blocked", "u1", at);
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private sealed record Golden(TestTenant Tenant);

    private async Task<Golden> SeedGoldenAsync()
    {
        var tenant = await TestTenant.CreateAsync(factory, "vg");
        await using var scope = factory.PlatformScope(out var db);
        var id = tenant.Id;
        (await db.Tenants.SingleAsync(t => t.Id == id)).Currency = "CNY";
        var shop = new BusinessService { TenantId = id, Name = "Shop", DowntimeCostPerHour = 10_000 };
        var payments = new BusinessService { TenantId = id, Name = "Payments", DowntimeCostPerHour = 20_000 };
        db.BusinessServices.AddRange(shop, payments);
        var web = new Asset { TenantId = id, Name = "web", Identifiers = "10.1.0.1", BusinessService = shop };
        var pay = new Asset { TenantId = id, Name = "pay", Identifiers = "10.1.0.2", BusinessService = payments };
        db.Assets.AddRange(web, pay);
        var contract = await db.ServiceContracts.Include(c => c.SlaTargets).SingleAsync(c => c.TenantId == id);
        contract.Promise(AlertSeverity.Critical, 15, 120); // High is 30 / 240 already
        var profile = BusinessProfile.For(id);
        profile.Update(200m, 500m, new ValueBaseline
        {
            InterruptionHoursPerMonth = 8, FraudRatePercent = 5, CustomerStaffHoursPerMonth = 120, ComplianceAuditDays = 10, MeanTimeToRespondHours = 6,
        }, "u1", Nov(1));
        db.BusinessProfiles.Add(profile);
        await db.SaveChangesAsync();

        var high = new SlaTerms(30, 240);
        var critical = new SlaTerms(15, 120);
        Alert Raise(string rule, AlertSeverity severity, DateTimeOffset detected, int seenBefore, string techniques, long? assetId = null, SlaTerms? sla = null,
            int suppressed = 0, string? sourceIp = null)
        {
            var alert = Alert.Raise(id, rule, "golden-" + rule, severity, 50, detected, new AlertFacts
            {
                FirstSeen = detected.AddMinutes(-seenBefore), Techniques = techniques, AssetId = assetId, Sla = sla, SuppressedCount = suppressed, SourceIp = sourceIp,
            });
            db.Alerts.Add(alert);
            return alert;
        }
        var a1 = Raise("a1", AlertSeverity.High, Nov(3), 6, "T1190", web.Id, high);
        var a2 = Raise("a2", AlertSeverity.Critical, Nov(5, 8), 2, "T1078,T1498", pay.Id, critical);
        var a3 = Raise("a3", AlertSeverity.Medium, Nov(7), 10, "T1046", sourceIp: "198.51.100.7");
        var a4 = Raise("a4", AlertSeverity.Low, Nov(8), 4, "");
        var a5 = Raise("a5", AlertSeverity.High, Nov(3, 10, 5), 1, "T1110", web.Id, high);
        var a6 = Raise("a6", AlertSeverity.High, new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero), 1, "T1190", web.Id, high);
        Raise("a7", AlertSeverity.Critical, Nov(28), 1, "T1190", pay.Id, critical);
        Raise("a8", AlertSeverity.Low, Nov(10), 30, "", suppressed: 3);
        var i1 = Incident.Open(id, "golden-i1", AlertSeverity.Critical, Nov(5, 8, 30));
        var i2 = Incident.Open(id, "golden-i2", AlertSeverity.High, Nov(15));
        var i3 = Incident.Open(id, "golden-i3", AlertSeverity.Medium, Nov(20));
        db.Incidents.AddRange(i1, i2, i3, Incident.Open(id, "golden-i4", AlertSeverity.Low, Nov(25)));
        await db.SaveChangesAsync();

        a5.MergeInto(a1, "u1", Nov(3, 10, 8));
        a1.ChangeStatus(AlertStatus.InProgress, "u1", Nov(3, 10, 10), null);
        a1.Resolve(AlertDisposition.TruePositive, "blocked at the WAF", "u1", Nov(3, 11, 40));
        a2.ChangeStatus(AlertStatus.InProgress, "u2", Nov(5, 8, 20), null);
        a2.LinkToIncident(i1.Id, "u2", Nov(5, 8, 30));
        a2.Resolve(AlertDisposition.TruePositive, "contained", "u2", Nov(5, 11, 20));
        a3.Resolve(AlertDisposition.FalsePositive, "scanner of the customer", "u1", Nov(7, 10, 30));
        a3.LinkToIncident(i3.Id, "u1", Nov(20));
        a4.Resolve(AlertDisposition.BenignTruePositive, "auto-closed by playbook", null, Nov(8, 10, 5));
        a6.Resolve(AlertDisposition.TruePositive, "October", "u1", a6.DetectedAt.AddMinutes(50));
        i1.Close(new IncidentImpact(payments.Id, 60, 5_000m, "customer finance, invoice 2026-114", "card switch down"), "u2", Nov(6));
        i2.Close(new IncidentImpact(shop.Id, 30, 0m, "no loss: orders replayed", "shop slow"), "u2", Nov(16));
        i3.Close(new IncidentImpact(shop.Id, 0, 0m, "none", "false alarm"), "u1", Nov(21));
        var suppression = AlertSuppression.Like(a3, SuppressionField.SourceIp, Nov(30), "u1", "customer's scanner", Nov(8))!;
        suppression.Caught(4, Nov(12));
        db.AlertSuppressions.Add(suppression);

        var sourceId = (long)tenant.RowIds[typeof(LogSource)];
        var events = Enumerable.Range(0, 100).Select(i => new SecurityEvent
        {
            TenantId = id, LogSourceId = sourceId, Timestamp = Nov(1 + i % 28, 12), ReceivedAt = Nov(1 + i % 28, 12), Category = "business",
            Action = "card-authorization", Outcome = i is 3 or >= 90 ? EventOutcome.Failure : EventOutcome.Success, RawLine = "golden-txn",
        }).ToList();
        var network = Enumerable.Range(0, 5).Select(i => new SecurityEvent
        {
            TenantId = id, LogSourceId = sourceId, Timestamp = Nov(2, 3), ReceivedAt = Nov(2, 3), Category = "network", Outcome = EventOutcome.Success, RawLine = "golden-net",
        });
        var october = new SecurityEvent
        {
            TenantId = id, LogSourceId = sourceId, Timestamp = new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), ReceivedAt = Nov(1), Category = "business",
            Outcome = EventOutcome.Success, RawLine = "golden-october",
        };
        db.SecurityEvents.AddRange(events.Concat(network).Append(october));
        await db.SaveChangesAsync();
        db.AlertEvents.AddRange(
            new AlertEvent { TenantId = id, AlertId = a2.Id, EventId = events[0].Id },
            new AlertEvent { TenantId = id, AlertId = a2.Id, EventId = events[1].Id },
            new AlertEvent { TenantId = id, AlertId = a3.Id, EventId = events[2].Id },
            new AlertEvent { TenantId = id, AlertId = a1.Id, EventId = events[3].Id },
            new AlertEvent { TenantId = id, AlertId = a6.Id, EventId = october.Id });
        db.ReportedFigures.AddRange(
            ReportedFigure.Report(id, ReportedMetric.SecurityStaffHours, new DateOnly(2026, 11, 1), 80m, "owner", Now, ReportedFigureChannel.Portal),
            ReportedFigure.Report(id, ReportedMetric.ComplianceAuditDays, new DateOnly(2026, 11, 1), 6m, "owner", Now, ReportedFigureChannel.Portal),
            ReportedFigure.Report(id, ReportedMetric.Revenue, new DateOnly(2026, 11, 1), 1_000_000m, "owner", Now, ReportedFigureChannel.Api),
            ReportedFigure.Report(id, ReportedMetric.Revenue, new DateOnly(2026, 10, 1), 900_000m, "owner", Now, ReportedFigureChannel.Api));
        await db.SaveChangesAsync();
        return new Golden(tenant);
    }
}
