using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A tenant with a quarterly contract (300,000 base fee, 5% of revenue growth above 10%, SLA credits for Critical and
/// High capped at 40,000), revenue reported for 2025-Q4 and 2026-Q4, a baseline of 400M a year, and Q3 alerts whose
/// deadlines were met or missed as the billing tests sum them by hand.
/// </summary>
public static class BillingSeed
{
    public static readonly DateTimeOffset Now = new(2026, 12, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly SlaTerms Critical = new(15, 240);
    private static readonly SlaTerms High = new(30, 480);

    public static async Task<TestTenant> SeedAsync(PortalFactory factory, string marker, RevenueShareReading reading, bool reportLastYear, bool reportDecember = true)
    {
        var tenant = await TestTenant.CreateAsync(factory, marker);
        await using var scope = factory.PlatformScope(out var db);
        var contract = await db.ServiceContracts.Include(c => c.SlaTargets).SingleAsync(c => c.TenantId == tenant.Id);
        contract.Bill(BillingPeriod.Quarterly, 300_000m, null);
        contract.ShareRevenueGrowth(5, 10, reading, 1_000_000m);
        contract.Promise(AlertSeverity.Critical, Critical.AcknowledgeWithinMinutes, Critical.ResolveWithinMinutes);
        contract.Promise(AlertSeverity.High, High.AcknowledgeWithinMinutes, High.ResolveWithinMinutes);
        contract.CreditWhenMissed(AlertSeverity.Critical, 90, 10);
        contract.CreditWhenMissed(AlertSeverity.High, 75, 5);
        contract.CapSlaCredits(40_000m);

        void Revenue(int year, int month, decimal value) =>
            db.ReportedFigures.Add(ReportedFigure.Report(tenant.Id, ReportedMetric.Revenue, new DateOnly(year, month, 1), value, "owner", Now, ReportedFigureChannel.Portal));
        if (reportLastYear)
        {
            Revenue(2025, 10, 30_000_000m);
            Revenue(2025, 11, 30_000_000m);
            Revenue(2025, 12, 40_000_000m);
        }
        Revenue(2026, 10, 35_000_000m);
        Revenue(2026, 11, 40_000_000m);
        if (reportDecember)
        {
            Revenue(2026, 12, 40_000_000m);
        }
        var profile = BusinessProfile.For(tenant.Id);
        profile.Update(0, 0, new ValueBaseline { AnnualRevenue = 400_000_000m, MeasuredOn = new DateOnly(2025, 12, 31), Source = "audited accounts 2025" }, "owner", Now);
        db.BusinessProfiles.Add(profile);

        Alert Raise(AlertSeverity severity, DateTimeOffset detected, int? ackAfter, int? resolveAfter)
        {
            var alert = Alert.Raise(tenant.Id, "bill-" + severity, "billing " + severity, severity, 50, detected,
                new AlertFacts { Sla = severity == AlertSeverity.Critical ? Critical : High });
            if (ackAfter is { } ack)
            {
                alert.Acknowledge("u1", detected.AddMinutes(ack));
            }
            if (resolveAfter is { } resolve)
            {
                alert.Resolve(AlertDisposition.TruePositive, "contained", "u1", detected.AddMinutes(resolve));
            }
            db.Alerts.Add(alert);
            return alert;
        }
        // Critical: 15 min to acknowledge, 240 to resolve.
        Raise(AlertSeverity.Critical, new DateTimeOffset(2026, 8, 1, 10, 0, 0, TimeSpan.Zero), 10, 100);   // c1: met, met
        Raise(AlertSeverity.Critical, new DateTimeOffset(2026, 8, 2, 10, 0, 0, TimeSpan.Zero), 20, 300);   // c2: missed, missed
        Raise(AlertSeverity.Critical, new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero), 5, 60);    // c3: met, met
        Raise(AlertSeverity.Critical, new DateTimeOffset(2026, 10, 1, 0, 30, 0, TimeSpan.Zero), 60, 600);  // c4: Q4, not counted
        // High: 30 min to acknowledge, 480 to resolve.
        Raise(AlertSeverity.High, new DateTimeOffset(2026, 7, 15, 9, 0, 0, TimeSpan.Zero), 10, 100);       // h1: met, met
        Raise(AlertSeverity.High, new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero), null, null);     // h2: open, both passed
        await db.SaveChangesAsync();
        return tenant;
    }
}
