using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.IntegrationTests.Features.Triage;

public sealed class AlertActionsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_analyst_acknowledges_comments_and_resolves_from_the_alert_page_and_sees_it_in_the_history()
    {
        var tenant = await TestTenant.CreateAsync(factory, "h");
        var id = tenant.RowIds[typeof(Alert)];
        var page = $"/Alerts/Details/{id}";
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var acknowledged = await client.PostFormAsync(page, $"/Alerts/{id}/Acknowledge", []);
        var commented = await client.PostFormAsync(page, $"/Alerts/{id}/Comment", new() { ["text"] = "<script>alert('c')</script> seen before" });
        var resolved = await client.PostFormAsync(page, $"/Alerts/{id}/Resolve", new() { ["disposition"] = "BenignTruePositive", ["reason"] = "Pen test by the customer" });
        var html = await client.GetStringAsync(page);

        Assert.All([acknowledged, commented, resolved], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(page, resolved.Headers.Location?.OriginalString);
        var history = html[html.IndexOf("id=\"history\"", StringComparison.Ordinal)..];
        Assert.Contains("Status: New → Acknowledged", history, StringComparison.Ordinal);
        Assert.Contains("Disposition: none → BenignTruePositive", history, StringComparison.Ordinal);
        Assert.Contains("Pen test by the customer", history, StringComparison.Ordinal);
        Assert.Contains($"Analyst {tenant.Marker}", history, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;c&#x27;)&lt;/script&gt; seen before", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert('c')", html, StringComparison.Ordinal);
        Assert.Contains("id=\"alert-disposition\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_resolve_keeps_what_was_typed_and_says_what_is_missing()
    {
        var tenant = await TestTenant.CreateAsync(factory, "j");
        var id = tenant.RowIds[typeof(Alert)];
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync($"/Alerts/Details/{id}", $"/Alerts/{id}/Resolve", new() { ["reason"] = "typed-reason-kept" });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Say what the alert was", html, StringComparison.Ordinal);
        Assert.Contains("value=\"typed-reason-kept\"", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(AlertStatus.New, (await db.Alerts.SingleAsync(a => a.Id == (long)id)).Status);
    }

    [Fact]
    public async Task A_business_owner_reads_the_alert_and_answers_only_while_the_analysts_wait_on_the_customer()
    {
        var tenant = await TestTenant.CreateAsync(factory, "b");
        var id = tenant.RowIds[typeof(Alert)];
        var page = $"/Alerts/Details/{id}";
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var readOnly = await owner.GetStringAsync(page);
        var acknowledge = await owner.PostFormAsync(page, $"/Alerts/{id}/Acknowledge", []);
        var early = await owner.PostFormAsync(page, $"/Alerts/{id}/Answer", new() { ["text"] = "early answer" });
        await analyst.PostFormAsync(page, $"/Alerts/{id}/Status", new() { ["status"] = "WaitingOnCustomer", ["reason"] = "Is this login yours?" });
        var waiting = await owner.GetStringAsync(page);
        var answered = await owner.PostFormAsync(page, $"/Alerts/{id}/Answer", new() { ["text"] = "Yes, that was me travelling" });
        var analystView = await analyst.GetStringAsync(page);

        Assert.DoesNotContain("id=\"actions\"", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("/Acknowledge", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("answer-form", readOnly, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, acknowledge.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, early.StatusCode);
        Assert.Contains("answer-form", waiting, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("Yes, that was me travelling", analystView, StringComparison.Ordinal);
        Assert.DoesNotContain("early answer", analystView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_suppresses_similar_alerts_with_a_reason_and_the_page_lists_it()
    {
        var tenant = await TestTenant.CreateAsync(factory, "s");
        var id = tenant.RowIds[typeof(Alert)];
        var page = $"/Alerts/Details/{id}";
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var refused = await client.PostFormAsync(page, $"/Alerts/{id}/Suppress", new() { ["field"] = "SourceIp", ["hours"] = "24", ["reason"] = "" });
        var done = await client.PostFormAsync(page, $"/Alerts/{id}/Suppress", new() { ["field"] = "SourceIp", ["hours"] = "24", ["reason"] = "Customer's scanner" });
        var html = await client.GetStringAsync(page);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var list = html[html.IndexOf("id=\"suppressions\"", StringComparison.Ordinal)..];
        Assert.Contains("SourceIp 203.0.113.9", list, StringComparison.Ordinal);
        Assert.Contains("Customer&#x27;s scanner", list, StringComparison.Ordinal);
        Assert.Contains($"Analyst {tenant.Marker}", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_of_tenant_A_gets_404_for_every_action_on_a_tenant_B_alert()
    {
        var a = await TestTenant.CreateAsync(factory, "a");
        var b = await TestTenant.CreateAsync(factory, "x");
        var id = b.RowIds[typeof(Alert)];
        var client = await factory.SignInAsync(a.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var own = $"/Alerts/Details/{a.RowIds[typeof(Alert)]}";

        foreach (var action in new[] { "Acknowledge", "Assign", "Status", "Escalate", "Resolve", "Comment", "Answer", "Suppress" })
        {
            var response = await client.PostFormAsync(own, $"/Alerts/{id}/{action}",
                new() { ["text"] = "x", ["reason"] = "x", ["disposition"] = "FalsePositive", ["status"] = "InProgress", ["hours"] = "4" });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{action}: {(int)response.StatusCode}");
        }
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(AlertStatus.New, (await db.Alerts.SingleAsync(x => x.Id == (long)id)).Status);
        Assert.False(await db.AlertHistory.AnyAsync(h => h.AlertId == (long)id && h.UserId != null));
        Assert.Equal(1, await db.Comments.CountAsync(c => c.AlertId == (long)id));
    }
}
