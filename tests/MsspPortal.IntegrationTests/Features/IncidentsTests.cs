using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Domain.Events;
using MsspPortal.Web.Features.Incidents;
using MsspPortal.Web.Infrastructure.Audit;
using MsspPortal.Web.Infrastructure.Auth;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features;

public sealed class IncidentsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Analyst_opens_an_incident_from_two_alerts_with_the_contract_clock_and_each_alert_records_the_link()
    {
        var tenant = await TestTenant.CreateAsync(factory, "c");
        var (first, second) = await TwoAlertsAsync(tenant.Id);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await PostAsync(client, "/Incidents/Create", ("alertIds", Str(first)), ("alertIds", Str(second)), ("title", "Takeover of carol"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var idText = Str(id);
        await using var scope = factory.PlatformScope(out var db);
        var incident = await db.Incidents.SingleAsync(i => i.Id == id);
        // High (the worse of the two alerts) under TestTenant's contract: 30 min to acknowledge, 240 to resolve.
        Assert.Equal((AlertSeverity.High, tenant.Id), (incident.Severity, incident.TenantId));
        Assert.Equal(TimeSpan.FromMinutes(240), incident.ResolveDueAt - incident.OpenedAt);
        Assert.Equal(TimeSpan.FromMinutes(30), incident.AcknowledgeDueAt - incident.OpenedAt);
        Assert.All(await db.Alerts.Where(a => a.Id == first || a.Id == second).ToListAsync(), a => Assert.Equal(id, a.IncidentId));
        Assert.Equal(2, await db.AlertHistory.CountAsync(h => (h.AlertId == first || h.AlertId == second) && h.Field == "IncidentId" && h.To == idText));
        Assert.Contains(await db.IncidentHistory.Where(h => h.IncidentId == id).Select(h => h.Field).ToListAsync(), f => f == "Alerts");
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == "incident.opened" && e.EntityId == idText));
    }

    [Fact]
    public async Task Alerts_of_another_tenant_are_not_found_and_are_never_linked()
    {
        var tenant = await TestTenant.CreateAsync(factory, "x");
        var other = await TestTenant.CreateAsync(factory, "y");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var own = (long)tenant.RowIds[typeof(Alert)];
        var foreign = (long)other.RowIds[typeof(Alert)];

        var create = await PostAsync(client, "/Incidents/Create", ("alertIds", Str(own)), ("alertIds", Str(foreign)), ("title", "mixed"));
        var add = await PostAsync(client, "/Incidents/AddAlerts", ("incidentId", tenant.RowIds[typeof(Incident)].ToString()!), ("alertIds", Str(foreign)));

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        // Still in tenant B's own incident only (TestTenant links it there).
        Assert.Equal((long)other.RowIds[typeof(Incident)], await db.Alerts.Where(a => a.Id == foreign).Select(a => a.IncidentId).SingleAsync());
        Assert.Equal(1, await db.AlertHistory.CountAsync(h => h.AlertId == foreign && h.Field == "IncidentId"));
        Assert.Equal(0, await db.Incidents.CountAsync(i => i.Title == "mixed"));
    }

    [Fact]
    public async Task Analyst_of_tenant_A_gets_404_for_tenant_B_incident_on_every_incident_route()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "b");
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var foreign = b.RowIds[typeof(Incident)];

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Incidents/Details/{foreign}")).StatusCode);
        foreach (var action in new[] { "Assign", "Status", "Escalate", "Comment", "AddTask", "CompleteTask", "Close", "Reopen" })
        {
            var response = await PostAsync(client, $"/Incidents/{action}/{foreign}", ("me", "true"), ("to", "Contained"), ("body", "x"), ("title", "x"),
                ("taskId", "1"), ("BusinessServiceId", b.RowIds[typeof(BusinessService)].ToString()!), ("DowntimeMinutes", "0"), ("ActualLoss", "0"),
                ("LossSource", "x"), ("reason", "x"));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{action} answered {(int)response.StatusCode}");
        }
        var list = await client.GetStringAsync("/Incidents");
        Assert.DoesNotContain(b.Marker, list[list.IndexOf("id=\"incidents\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.IncidentHistory.CountAsync(h => h.IncidentId == (long)foreign));
        Assert.Equal(IncidentStatus.Open, await db.Incidents.Where(i => i.Id == (long)foreign).Select(i => i.Status).SingleAsync());
    }

    [Fact]
    public async Task An_incident_is_worked_through_its_page_and_closed_with_impact_and_a_refused_close_keeps_what_was_typed()
    {
        var tenant = await TestTenant.CreateAsync(factory, "w");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var id = (long)tenant.RowIds[typeof(Incident)];
        var page = $"/Incidents/Details/{id}";
        var service = tenant.RowIds[typeof(BusinessService)].ToString()!;

        await Ok(PostAsync(client, $"/Incidents/Assign/{id}", ("me", "true")));
        await Ok(PostAsync(client, $"/Incidents/Status/{id}", ("to", "WaitingOnCustomer"), ("reason", "Is the admin login from Lisbon yours?")));
        await Ok(PostAsync(client, $"/Incidents/Status/{id}", ("to", "Contained"), ("reason", "Customer: no; account locked")));
        await Ok(PostAsync(client, $"/Incidents/AddTask/{id}", ("title", "Reset the admin's password")));
        long taskId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            taskId = await db.IncidentTasks.Where(t => t.IncidentId == id).Select(t => t.Id).SingleAsync();
        }
        await Ok(PostAsync(client, $"/Incidents/CompleteTask/{id}", ("taskId", Str(taskId))));
        await Ok(PostAsync(client, $"/Incidents/Comment/{id}", ("body", "<script>alert(1)</script> customer confirmed")));
        await Ok(PostAsync(client, $"/Incidents/Escalate/{id}", ("reason", "board to be told")));

        var refused = await PostAsync(client, $"/Incidents/Close/{id}", ("BusinessServiceId", service), ("DowntimeMinutes", "42"), ("ActualLoss", "1234.5"), ("LossSource", ""));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Say where the loss figure comes from", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"42\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"1234.5\"", refusedHtml, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{service}\" selected=\"selected\"", refusedHtml, StringComparison.Ordinal);

        await Ok(PostAsync(client, $"/Incidents/Close/{id}", ("BusinessServiceId", service), ("DowntimeMinutes", "42"), ("ActualLoss", "1234.5"),
            ("LossSource", "customer finance, invoice 2026-114"), ("Summary", "Admin console locked for 42 minutes")));

        var html = await client.GetStringAsync(page);
        Assert.Contains("customer finance, invoice 2026-114", html, StringComparison.Ordinal);
        Assert.Contains("42 min", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; customer confirmed", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("task done: Reset the admin&#x27;s password", html, StringComparison.Ordinal);
        Assert.Contains("id=\"reopen-form\"", html, StringComparison.Ordinal);
        await using (var scope = factory.PlatformScope(out var db))
        {
            var incident = await db.Incidents.SingleAsync(i => i.Id == id);
            Assert.Equal((IncidentStatus.Closed, 42, 1234.5m, "customer finance, invoice 2026-114", long.Parse(service, System.Globalization.CultureInfo.InvariantCulture)),
                (incident.Status, incident.DowntimeMinutes!.Value, incident.ActualLoss!.Value, incident.LossSource, incident.BusinessServiceId!.Value));
            Assert.NotNull(incident.OwnerId);
            Assert.Null(incident.ClockPausedAt);
            var fields = await db.IncidentHistory.Where(h => h.IncidentId == id).OrderBy(h => h.Id).Select(h => h.Field + ":" + h.To).ToListAsync();
            Assert.Equal(["Status:Open", "OwnerId:" + incident.OwnerId, "Status:WaitingOnCustomer", "Status:Contained", "Task:Reset the admin's password",
                "Task:Done", "Escalation:Escalated", "Impact:" + fields[^2].Split(':', 2)[1], "Status:Closed"], fields);
        }

        await Ok(PostAsync(client, $"/Incidents/Reopen/{id}", ("reason", "The attacker came back")));
        await using (var scope = factory.PlatformScope(out var db))
        {
            Assert.Equal(IncidentStatus.Open, await db.Incidents.Where(i => i.Id == id).Select(i => i.Status).SingleAsync());
        }
    }

    [Fact]
    public async Task A_business_owner_reads_the_incident_but_is_shown_no_action_and_refused_any()
    {
        var tenant = await TestTenant.CreateAsync(factory, "o");
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var id = tenant.RowIds[typeof(Incident)];

        var html = await owner.GetStringAsync($"/Incidents/Details/{id}");
        var close = await PostAsync(owner, $"/Incidents/Close/{id}", ("BusinessServiceId", "1"), ("DowntimeMinutes", "0"), ("ActualLoss", "0"), ("LossSource", "x"));

        Assert.Contains($"incident-{tenant.Marker}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"close-form\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"incident-actions\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_readable_url_values_and_shows_the_tenant_and_sla()
    {
        var tenant = await TestTenant.CreateAsync(factory, "l");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var id = (long)tenant.RowIds[typeof(Incident)];
        await Ok(PostAsync(client, $"/Incidents/Status/{id}", ("to", "WaitingOnCustomer"), ("reason", "question")));

        var waiting = await client.GetStringAsync($"/Incidents?status=waiting-on-customer&severity=low&tenant={tenant.Slug}");
        var closed = await client.GetStringAsync($"/Incidents?status=closed&tenant={tenant.Slug}");
        var critical = await client.GetStringAsync($"/Incidents?severity=critical&tenant={tenant.Slug}");

        Assert.Contains($"incident-{tenant.Marker}", waiting, StringComparison.Ordinal);
        Assert.Contains($"Tenant {tenant.Marker}", waiting, StringComparison.Ordinal);
        Assert.Contains("<option value=\"waiting-on-customer\" selected=\"selected\">", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain($"incident-{tenant.Marker}", closed, StringComparison.Ordinal);
        Assert.DoesNotContain($"incident-{tenant.Marker}", critical, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escalating_a_critical_incident_announces_an_emergency_once_saved_and_a_high_one_does_not()
    {
        var tenant = await TestTenant.CreateAsync(factory, "e");
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        var critical = Incident.Open(tenant.Id, "ransomware", AlertSeverity.Critical, now);
        var high = Incident.Open(tenant.Id, "phishing", AlertSeverity.High, now);
        db.Incidents.AddRange(critical, high);
        await db.SaveChangesAsync();
        var publisher = new Mock<Mediator.IPublisher>();
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.Id).Returns("analyst-1");
        var handler = new EscalateIncidentHandler(db, TimeProvider.System, user.Object, new AuditLog(db, user.Object, TimeProvider.System), publisher.Object);

        await handler.Handle(new EscalateIncident(critical.Id, "file server encrypted"), CancellationToken.None);
        await handler.Handle(new EscalateIncident(high.Id, null), CancellationToken.None);

        publisher.Verify(p => p.Publish(It.Is<EmergencyEscalated>(e => e.TenantId == tenant.Id && e.IncidentId == critical.Id && e.AlertId == null
            && e.Reason == "file server encrypted"), It.IsAny<CancellationToken>()), Times.Once);
        publisher.Verify(p => p.Publish(It.IsAny<EmergencyEscalated>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal("Emergency", await db.IncidentHistory.Where(h => h.IncidentId == critical.Id && h.Field == "Escalation").Select(h => h.To).SingleAsync());
    }

    [Fact]
    public async Task An_emergency_escalated_through_the_page_is_announced_and_the_announcement_is_on_the_incident()
    {
        var tenant = await TestTenant.CreateAsync(factory, "m");
        long id;
        await using (var scope = factory.PlatformScope(out var db))
        {
            var incident = Incident.Open(tenant.Id, "ransomware", AlertSeverity.Critical, TimeProvider.System.GetUtcNow());
            db.Incidents.Add(incident);
            await db.SaveChangesAsync();
            id = incident.Id;
        }
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        await Ok(PostAsync(client, $"/Incidents/Escalate/{id}", ("reason", "file server encrypted")));

        await using (var scope = factory.PlatformScope(out var db))
        {
            var rows = await db.IncidentHistory.Where(h => h.IncidentId == id && h.Field != "Status").OrderBy(h => h.Id).Select(h => h.Field + ":" + h.To + ":" + h.Reason).ToListAsync();
            Assert.Equal(["Escalation:Emergency:file server encrypted", "Emergency:Announced:Emergency announced to the joint committee: file server encrypted"], rows);
        }
    }

    private async Task<(long First, long Second)> TwoAlertsAsync(Guid tenantId)
    {
        await using var scope = factory.PlatformScope(out var db);
        var now = TimeProvider.System.GetUtcNow();
        var first = Alert.Raise(tenantId, "r", "takeover-1", AlertSeverity.Medium, 40, now.AddMinutes(-20), new AlertFacts { UserName = "carol" });
        var second = Alert.Raise(tenantId, "r", "takeover-2", AlertSeverity.High, 70, now.AddMinutes(-10), new AlertFacts { UserName = "carol" });
        db.Alerts.AddRange(first, second);
        await db.SaveChangesAsync();
        return (first.Id, second.Id);
    }

    private static string Str(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task Ok(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.StartsWith("/Incidents/Details/", StringComparison.Ordinal),
            $"{(int)response.StatusCode} {response.Headers.Location}");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string action, params (string Key, string Value)[] fields)
    {
        var token = await client.AntiforgeryTokenAsync("/Incidents");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(form));
    }
}
