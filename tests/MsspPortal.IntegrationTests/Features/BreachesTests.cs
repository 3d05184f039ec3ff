using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features;

/// <summary>The portal with a clock the breach tests move: 2026-11-29 06:00 UTC at the start.</summary>
public sealed class BreachFactory : PortalFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 6, 0, 0, TimeSpan.Zero));

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
}

public sealed class BreachesTests(BreachFactory factory) : IClassFixture<BreachFactory>
{
    [Fact]
    public async Task Analyst_flags_a_breach_records_awareness_and_notices_and_the_register_shows_the_clocks()
    {
        var tenant = await TestTenant.CreateAsync(factory, "k");
        var incidentId = await IncidentAsync(tenant.Id, "Customer database copied out");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var start = factory.Clock.GetUtcNow();

        Assert.Contains("Customer database copied out", await client.GetStringAsync($"/Breaches/Flag?incidentId={incidentId}"), StringComparison.Ordinal);
        var flagged = await PostAsync(client, "/Breaches/Flag", ("IncidentId", Str(incidentId)), ("DetectedAt", "2026-11-29T03:00"),
            ("Nature", "=HYPERLINK(\"http://x\") exfiltration of the CRM"), ("DataCategories", "customers: names, e-mail addresses"), ("ApproximateDataSubjects", "1200"),
            ("ApproximateRecords", "5000"), ("LikelyConsequences", "phishing of customers"), ("MeasuresTaken", "credentials rotated"),
            ("Gdpr", "true"), ("California", "true"), ("CaliforniaResidents", "600"), ("ChinaCac", "true"));

        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        var id = long.Parse(flagged.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        // CAC, not critical infrastructure: 4 h from detection at 03:00, so due 07:00 and 1 h left at 06:00.
        var page = await client.GetStringAsync($"/Breaches/{id}");
        Assert.Contains("2026-11-29 07:00 UTC", page, StringComparison.Ordinal);
        Assert.Contains("1 h 0 min left", page, StringComparison.Ordinal);
        Assert.Contains("data-clock=\"SupervisoryAuthority\" data-state=\"NotStarted\"", page, StringComparison.Ordinal);
        // The Attorney General's clock is there (600 > 500 residents) and waits for the residents' notice.
        Assert.Contains("data-clock=\"CaliforniaAttorneyGeneral\" data-state=\"NotStarted\"", page, StringComparison.Ordinal);

        await Ok(PostAsync(client, $"/Breaches/{id}/Notice", ("Kind", "Notified"), ("At", "2026-11-29T04:00")), id);
        await Ok(PostAsync(client, $"/Breaches/{id}/Notice", ("Kind", "Aware"), ("At", "2026-11-29T05:00")), id);
        page = await client.GetStringAsync($"/Breaches/{id}");
        // GDPR: 72 h from awareness (05:00), not from detection (03:00) → 2 December 05:00, 71 h left at 06:00.
        Assert.Contains("2026-12-02 05:00 UTC", page, StringComparison.Ordinal);
        Assert.Contains("2 d 23 h left", page, StringComparison.Ordinal);
        Assert.Contains("data-clock=\"SupervisoryAuthority\" data-state=\"Running\"", page, StringComparison.Ordinal);
        // California: 30 days from the earlier of notified (04:00) and aware → 29 December 04:00.
        Assert.Contains("2026-12-29 04:00 UTC", page, StringComparison.Ordinal);

        // Two hours on, CAC's 07:00 has passed: the register shows the breach overdue, in red.
        factory.Clock.Advance(TimeSpan.FromHours(2));
        var register = await client.GetStringAsync("/Breaches");
        Assert.Contains("class=\"table-danger\"", register, StringComparison.Ordinal);
        Assert.Contains("data-clock=\"ChinaCac\" data-state=\"Missed\"", register, StringComparison.Ordinal);
        Assert.Contains("1 h 0 min overdue", register, StringComparison.Ordinal);
        // The committee sees the running and missed deadlines on its page: CAC missed by 1 h, GDPR 69 h left at 08:00.
        var committee = await client.GetStringAsync($"/Committee?tenant={tenant.Slug}");
        Assert.Contains("Personal-data breach deadlines", committee, StringComparison.Ordinal);
        Assert.Contains("overdue by 1 h 0 min", committee, StringComparison.Ordinal);
        Assert.Contains("2 d 21 h left", committee, StringComparison.Ordinal);

        // A notice in the future is refused, and the form comes back as typed with the reason.
        var future = await PostAsync(client, $"/Breaches/{id}/Notification", ("Recipient", "SupervisoryAuthority"), ("NotifiedWhom", "CNIL online form"),
            ("At", "2026-11-30T10:00"), ("Reference", "CNIL-2026-77"));
        var refused = await future.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, future.StatusCode);
        Assert.Contains("cannot be recorded in the future", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"CNIL online form\"", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"CNIL-2026-77\"", refused, StringComparison.Ordinal);

        // (The sign-in session is hours long, so the clock stays on this day.)
        await Ok(PostAsync(client, $"/Breaches/{id}/Notification", ("Recipient", "SupervisoryAuthority"), ("NotifiedWhom", "CNIL online form"),
            ("At", "2026-11-29T07:45"), ("Reference", "CNIL-2026-77")), id);
        await Ok(PostAsync(client, $"/Breaches/{id}/Notification", ("Recipient", "ChinaCac"), ("NotifiedWhom", "CAC hotline"), ("At", "2026-11-29T07:30")), id);
        page = await client.GetStringAsync($"/Breaches/{id}");
        Assert.Contains("data-clock=\"SupervisoryAuthority\" data-state=\"Met\"", page, StringComparison.Ordinal);
        Assert.Contains("data-clock=\"ChinaCac\" data-state=\"Missed\"", page, StringComparison.Ordinal);
        Assert.Contains("CNIL-2026-77", page, StringComparison.Ordinal);
        // Each form its own token (two forms), plus the layout's sign-out form.
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(page, "name=\"__RequestVerificationToken\""));

        var csv = await client.GetStringAsync("/Breaches/Csv");
        Assert.StartsWith("Breach,Tenant,Incident,Detected (UTC)", csv, StringComparison.Ordinal);
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("2026-11-29 03:00", csv, StringComparison.Ordinal);

        await using var scope = factory.PlatformScope(out var db);
        var breach = await db.PersonalDataBreaches.Include(b => b.Notifications).SingleAsync(b => b.Id == id);
        Assert.Equal((start.AddHours(-2), start.AddHours(-1)), (breach.TenantNotifiedAt!.Value, breach.TenantAwareAt!.Value));
        Assert.Equal(2, breach.Notifications.Count);
        Assert.Equal(5, await db.AuditEntries.CountAsync(e => e.EntityType == nameof(PersonalDataBreach) && e.EntityId == Str(id)));
    }

    [Fact]
    public async Task A_refused_flag_form_keeps_what_was_typed_and_says_why()
    {
        var tenant = await TestTenant.CreateAsync(factory, "f");
        var incidentId = await IncidentAsync(tenant.Id, "Lost laptop");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await PostAsync(client, "/Breaches/Flag", ("IncidentId", Str(incidentId)), ("DetectedAt", "2026-11-29T01:00"),
            ("DataCategories", "staff payroll records"), ("California", "true"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Describe the nature of the breach.", body, StringComparison.Ordinal);
        Assert.Contains("Give the number of California residents affected", body, StringComparison.Ordinal);
        Assert.Contains("staff payroll records</textarea>", body, StringComparison.Ordinal);
        Assert.Contains("id=\"California\" name=\"California\" value=\"true\" checked=\"checked\"", body, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.PersonalDataBreaches.AnyAsync(b => b.IncidentId == incidentId));
    }

    [Fact]
    public async Task An_incident_is_flagged_once_and_its_flag_form_leads_to_the_breach()
    {
        var tenant = await TestTenant.CreateAsync(factory, "o");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var incidentId = tenant.RowIds[typeof(Incident)];

        var form = await client.GetAsync($"/Breaches/Flag?incidentId={incidentId}");
        var again = await PostAsync(client, "/Breaches/Flag", ("IncidentId", Str((long)incidentId)), ("DetectedAt", "2026-11-29T01:00"), ("Nature", "n"),
            ("DataCategories", "c"), ("LikelyConsequences", "l"), ("MeasuresTaken", "m"), ("Gdpr", "true"));

        Assert.Equal($"/Breaches/{tenant.RowIds[typeof(PersonalDataBreach)]}", form.Headers.Location!.OriginalString);
        Assert.Contains("already flagged", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_of_tenant_A_gets_404_for_tenant_B_breach_and_never_sees_it_in_the_register()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var foreign = b.RowIds[typeof(PersonalDataBreach)];
        var foreignIncident = Str((long)b.RowIds[typeof(Incident)]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Breaches/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Breaches/Flag?incidentId={foreignIncident}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Breaches/{foreign}/Notice", ("Kind", "Aware"), ("At", "2026-11-29T05:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, $"/Breaches/{foreign}/Notification", ("Recipient", "ChinaCac"), ("NotifiedWhom", "x"), ("At", "2026-11-29T05:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, "/Breaches/Flag", ("IncidentId", foreignIncident), ("DetectedAt", "2026-11-29T01:00"), ("Nature", "n"),
            ("DataCategories", "c"), ("LikelyConsequences", "l"), ("MeasuresTaken", "m"), ("Gdpr", "true"))).StatusCode);
        var register = await client.GetStringAsync("/Breaches");
        var csv = await client.GetStringAsync("/Breaches/Csv");
        Assert.Contains("nature-" + a.Marker, register, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Marker, register, StringComparison.Ordinal);
        Assert.DoesNotContain(b.Marker, csv, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.BreachNotifications.CountAsync(n => n.TenantId == b.Id));
        Assert.Null(await db.PersonalDataBreaches.Where(x => x.TenantId == b.Id).Select(x => x.TenantAwareAt).SingleAsync());
    }

    [Theory]
    [InlineData(PortalRole.BusinessOwner)]
    [InlineData(PortalRole.CommitteeMember)]
    [InlineData(PortalRole.Auditor)]
    public async Task Read_only_roles_read_the_register_and_clocks_but_may_not_record(PortalRole role)
    {
        var tenant = await TestTenant.CreateAsync(factory, "r");
        var client = await factory.SignInAsync(tenant.UserEmails[role], TestTenant.Password);
        var id = tenant.RowIds[typeof(PersonalDataBreach)];
        var token = await client.AntiforgeryTokenAsync("/Account/AccessDenied");

        var page = await client.GetStringAsync($"/Breaches/{id}");
        var notice = await client.PostAsync($"/Breaches/{id}/Notice", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Kind"] = "Aware", ["At"] = "2026-11-29T05:00",
        }));

        Assert.Contains("nature-" + tenant.Marker, await client.GetStringAsync("/Breaches"), StringComparison.Ordinal);
        Assert.Contains("data-clock=\"ChinaCac\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Breaches/{id}/Notice", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notice.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/Breaches/Flag?incidentId={tenant.RowIds[typeof(Incident)]}")).StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Null(await db.PersonalDataBreaches.Where(x => x.Id == (long)id).Select(x => x.TenantAwareAt).SingleAsync());
    }

    private async Task<long> IncidentAsync(Guid tenantId, string title)
    {
        await using var scope = factory.PlatformScope(out var db);
        var incident = Incident.Open(tenantId, title, AlertSeverity.High, factory.Clock.GetUtcNow().AddHours(-3));
        db.Incidents.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    }

    private static string Str(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task Ok(Task<HttpResponseMessage> sending, long id)
    {
        var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString == $"/Breaches/{id}",
            $"{(int)response.StatusCode} {response.Headers.Location} {(response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsStringAsync() : "")}");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, params (string Key, string Value)[] fields)
    {
        var token = await client.AntiforgeryTokenAsync("/Account/AccessDenied");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }
}
