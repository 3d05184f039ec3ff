using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Compliance.Breaches;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.Web.Demo;

// orbit-saas (the cross-border SaaS company, GDPR in its European markets): its latest account takeover from a new
// market is flagged as a personal-data breach by the MSSP's incident lead when the incident opened, through the
// product's own handlers on the demo clock. The MSSP (processor) tells the tenant three hours later; the tenant
// (controller) is aware from that notice; its data-protection officer notifies the supervisory authority 30 hours
// after awareness, well inside GDPR's 72. One data subject: the one account the incident's alerts name.
internal sealed class DemoBreaches(IServiceProvider services, DemoCalendar calendar)
{
    private const string Slug = "orbit-saas";

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        (long Id, DateTimeOffset OpenedAt)? incident;
        await using (var scope = services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().SetScope([], seesAll: true);
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var tenantId = await db.Tenants.Where(t => t.Slug == Slug).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
            var found = await db.Incidents.Where(i => i.TenantId == tenantId && i.Title.StartsWith("Account takeover"))
                .OrderByDescending(i => i.OpenedAt).Select(i => new { i.Id, i.OpenedAt }).FirstOrDefaultAsync(cancellationToken);
            incident = found is null ? null : (found.Id, found.OpenedAt);
        }
        var analyst = await DemoActor.ForAsync(services, "analyst@mssp.example", cancellationToken);
        var dpo = await DemoActor.ForAsync(services, "privacy@orbit-saas.example", cancellationToken);
        var detected = incident?.OpenedAt ?? default;
        var authorityAt = detected.AddHours(3 + 30);
        if (incident is null || analyst is null || dpo is null || authorityAt > calendar.Now)
        {
            return false;
        }
        var flagged = await analyst.SendAsync<FlagBreach, BreachChange, FlagBreachHandler>(new FlagBreach
        {
            IncidentId = incident.Value.Id,
            DetectedAt = detected.UtcDateTime,
            Nature = "Unauthorised access to a customer account: sign-in with the account's phished password from a country the account had never used.",
            DataCategories = "Account profile (name, e-mail address), the organisation's workspace content visible to the account, sign-in history.",
            ApproximateDataSubjects = 1,
            LikelyConsequences = "The account's data may have been read or copied; the holder may be targeted by phishing using it.",
            MeasuresTaken = "Sessions revoked and password reset by the SOC; multi-factor authentication enforced for the account; sign-ins from the new country reviewed.",
            Gdpr = true,
        }, detected.AddMinutes(20), cancellationToken);
        if (flagged.BreachId is not { } id)
        {
            return false;
        }
        var noticeAt = detected.AddHours(3);
        await analyst.SendAsync<RecordTenantNotice, BreachChange, RecordTenantNoticeHandler>(
            new RecordTenantNotice { Id = id, Kind = TenantNoticeKind.Notified, At = noticeAt.UtcDateTime }, noticeAt.AddMinutes(5), cancellationToken);
        await dpo.SendAsync<RecordTenantNotice, BreachChange, RecordTenantNoticeHandler>(
            new RecordTenantNotice { Id = id, Kind = TenantNoticeKind.Aware, At = noticeAt.UtcDateTime }, noticeAt.AddMinutes(30), cancellationToken);
        var notified = await dpo.SendAsync<RecordBreachNotification, BreachChange, RecordBreachNotificationHandler>(new RecordBreachNotification
        {
            Id = id, Recipient = BreachRecipient.SupervisoryAuthority, NotifiedWhom = "Lead supervisory authority (GDPR Art. 33)",
            At = authorityAt.UtcDateTime, Reference = "Online breach form, acknowledgement received",
        }, authorityAt.AddMinutes(10), cancellationToken);
        return notified.Error is null;
    }
}
