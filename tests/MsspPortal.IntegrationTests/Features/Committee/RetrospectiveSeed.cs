using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value.Reports;

namespace MsspPortal.IntegrationTests.Features.Committee;

/// <summary>A tenant's third quarter of 2026 (UTC): the records RetrospectivesTests counts by hand; the browser test reuses it.</summary>
public static class RetrospectiveSeed
{
    public static DateTimeOffset At(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    // The quarter's records, each figure's expected count worked out in the tests above. The fixture's own Q3
    // retrospective is removed so the quarter is assembled from scratch.
    public static async Task QuarterAsync(PortalFactory factory, TestTenant tenant)
    {
        await using var scope = factory.PlatformScope(out var db);
        db.Retrospectives.RemoveRange(db.Retrospectives.Where(r => r.TenantId == tenant.Id));
        var committee = await db.Committees.SingleAsync(c => c.TenantId == tenant.Id);
        var serviceId = (long)tenant.RowIds[typeof(BusinessService)];

        var outage = Incident.Open(tenant.Id, "Checkout outage", AlertSeverity.Critical, At(7, 10));
        var phishing = Incident.Open(tenant.Id, "Phishing of staff", AlertSeverity.High, At(8, 20));
        db.Incidents.AddRange(outage, phishing);
        await db.SaveChangesAsync();
        outage.Close(new IncidentImpact(serviceId, 45, 1200m, "customer finance, invoice 7", "Checkout down"), null, At(7, 10, 12));
        phishing.Close(new IncidentImpact(serviceId, 15, 0m, "no loss booked", null), null, At(8, 21));

        var done = ActionItem.Raise(tenant.Id, "Tune DDoS thresholds", null, new DateOnly(2026, 7, 31), At(7, 1), ActionItemSource.Manual);
        done.Complete(At(7, 20));
        var dropped = ActionItem.Raise(tenant.Id, "Buy a second scrubber", null, null, At(8, 1), ActionItemSource.Manual);
        dropped.Drop(At(8, 15), "not needed");
        var overdue = ActionItem.Raise(tenant.Id, "Overdue patch of the shop", null, new DateOnly(2026, 9, 1), At(8, 5), ActionItemSource.Manual);
        var older = ActionItem.Raise(tenant.Id, "Older item due in October", null, new DateOnly(2026, 10, 15), At(6, 15), ActionItemSource.Manual);
        var late = ActionItem.Raise(tenant.Id, "Finished in October", null, null, At(9, 10), ActionItemSource.Manual);
        late.Complete(At(10, 2));
        db.ActionItems.AddRange(done, dropped, overdue, older, late);

        var goal = CommitteeGoal.Set(committee, "Interruption under an hour", ValueKeys.InterruptionMinutes, GoalComparison.AtMost, 60, "min",
            new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30));
        goal.Record(60, At(10, 1), "incidents closed in the quarter");
        db.CommitteeGoals.Add(goal);
        db.EmergencyActivations.Add(EmergencyActivation.Declare(committee, null, null, "Checkout outage", "analyst", At(7, 10, 11)));

        var figures = new ValueFigures(tenant.Id, "T", "EUR", 2026, 8, At(8, 1, 0), At(9, 1, 0), At(9, 1, 2), 0,
        [
            new ValueFigure(ValueKeys.AttacksStopped, ValueFamily.BusinessProtection, "Attacks stopped", ValueUnit.Count, 7),
            new ValueFigure(ValueKeys.LossAvoided, ValueFamily.BusinessProtection, "Loss avoided", ValueUnit.Currency, 5000, 1000, 9000),
            new ValueFigure(ValueKeys.SlaAttainment, ValueFamily.OperationalEfficiency, "SLA attainment", ValueUnit.Percent, 90,
                Formula: "deadlines met / deadlines decided × 100 = 9 / 10 × 100, over the deadlines of the month"),
        ], []);
        var report = ValueReport.Draft(tenant.Id, new DateOnly(2026, 8, 1), ValueReportSnapshot.Of(figures, []).ToJson(), 0, At(9, 1, 2));
        report.Publish("analyst", At(9, 3));
        report.Dispute(ValueKeys.LossAvoided, "Defaults not approved", "owner", At(9, 4));
        db.ValueReports.Add(report);

        // Seats with accounts: the analyst chairs the MSSP side and also holds a customer seat with authority (to try
        // one person for both sides); the committee-member user decides for the customer; the business owner is a
        // plain member without authority.
        var users = await db.Users.Where(u => tenant.UserEmails.Values.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
        Seat("Mia Mssp", CommitteeSide.Mssp, PortalRole.Analyst, CommitteeRole.Chair, true);
        Seat("Mia as customer", CommitteeSide.Customer, PortalRole.Analyst, CommitteeRole.Member, true);
        Seat("Cleo Customer", CommitteeSide.Customer, PortalRole.CommitteeMember, CommitteeRole.Member, true);
        Seat("Pat Plain", CommitteeSide.Customer, PortalRole.BusinessOwner, CommitteeRole.Member, false);
        await db.SaveChangesAsync();

        void Seat(string name, CommitteeSide side, PortalRole role, CommitteeRole committeeRole, bool authority)
        {
            var member = CommitteeMember.Appoint(committee, name, side, "seat", users[tenant.UserEmails[role]]);
            member.Change(name, side, "seat", committeeRole, authority, false, null, null);
            db.CommitteeMembers.Add(member);
        }
    }

}
