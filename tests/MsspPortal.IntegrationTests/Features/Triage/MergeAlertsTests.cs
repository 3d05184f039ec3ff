using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Alerts;
using MsspPortal.Web.Features.Soc;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features.Triage;

public sealed class MergeAlertsTests(TriageFactory factory) : IClassFixture<TriageFactory>
{
    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Merging_folds_the_duplicate_into_the_survivor_with_its_events_history_audit_and_event_links()
    {
        var tenant = await TestTenant.CreateAsync(factory, "m");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var survivor = await factory.RaiseAsync(tenant.Id, AlertSeverity.High, title: "survivor");
        var duplicate = await factory.RaiseAsync(tenant.Id, AlertSeverity.High, title: "duplicate");
        var shared = await LinkEventsAsync(tenant, survivor, 1);
        var own = await LinkEventsAsync(tenant, duplicate, 2);
        await LinkAsync(tenant, duplicate, shared[0]);
        factory.Clock.Advance(TimeSpan.FromMinutes(7));

        var result = await factory.SendAsAsync(analyst, new TriageAlerts([duplicate], new TriageAction(TriageVerb.Merge, TargetId: survivor)));

        Assert.Equal((1, 0), (result.Changed, result.Unchanged));
        Assert.Empty(result.Refused);
        await using var scope = factory.PlatformScope(out var db);
        var merged = await db.Alerts.SingleAsync(a => a.Id == duplicate);
        Assert.Equal((survivor, AlertStatus.Resolved, (AlertDisposition?)null), (merged.MergedIntoId!.Value, merged.Status, merged.Disposition));
        Assert.Equal(factory.Clock.GetUtcNow(), merged.ResolvedAt);
        Assert.Equal(2, (await db.Alerts.SingleAsync(a => a.Id == survivor)).EventCount);
        Assert.Equal($"Merged into #{survivor}", (await db.AlertHistory.SingleAsync(h => h.AlertId == duplicate && h.Field == "MergedIntoId")).Reason);
        Assert.Equal("#" + Text(duplicate), (await db.AlertHistory.SingleAsync(h => h.AlertId == survivor && h.Field == "Absorbed")).To);
        // The survivor now shows the duplicate's events, each once.
        Assert.Equal([.. shared, .. own], await db.AlertEvents.Where(l => l.AlertId == survivor).OrderBy(l => l.EventId).Select(l => l.EventId).ToListAsync());
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Alert) && a.EntityId == Text(duplicate)).Select(a => a.Action).ToListAsync();
        Assert.Equal(["alert.merged"], audit);
    }

    [Fact]
    public async Task Another_tenants_target_is_not_found_and_a_resolved_target_or_a_merged_alert_are_refused()
    {
        var own = await TestTenant.CreateAsync(factory, "i");
        var other = await TestTenant.CreateAsync(factory, "k");
        var analyst = own.UserEmails[PortalRole.Analyst];
        var mine = await factory.RaiseAsync(own.Id, AlertSeverity.Medium);
        var survivor = await factory.RaiseAsync(own.Id, AlertSeverity.Medium);
        var closed = await factory.RaiseAsync(own.Id, AlertSeverity.Medium);
        var foreign = await factory.RaiseAsync(other.Id, AlertSeverity.Medium);
        await factory.SendAsAsync(analyst, new TriageAlerts([closed], new TriageAction(TriageVerb.Resolve, Disposition: AlertDisposition.TruePositive, Reason: "blocked")));

        var intoForeign = await factory.SendAsAsync(analyst, new TriageAlerts([mine], new TriageAction(TriageVerb.Merge, TargetId: foreign)));
        // The other tenant's own analyst cannot pull this tenant's alert into theirs either.
        var fromForeign = await factory.SendAsAsync(other.UserEmails[PortalRole.Analyst], new TriageAlerts([mine], new TriageAction(TriageVerb.Merge, TargetId: foreign)));
        var intoClosed = await factory.SendAsAsync(analyst, new TriageAlerts([mine], new TriageAction(TriageVerb.Merge, TargetId: closed)));
        var intoItself = await factory.SendAsAsync(analyst, new TriageAlerts([mine], new TriageAction(TriageVerb.Merge, TargetId: mine)));
        await factory.SendAsAsync(analyst, new TriageAlerts([mine], new TriageAction(TriageVerb.Merge, TargetId: survivor)));
        var again = await factory.SendAsAsync(analyst, new TriageAlerts([mine], new TriageAction(TriageVerb.Merge, TargetId: closed)));
        var reopen = await factory.SendAsAsync(analyst, new TriageAlerts([mine], new TriageAction(TriageVerb.ChangeStatus, Status: AlertStatus.InProgress)));

        Assert.Equal([$"Alert #{foreign}: not found."], intoForeign.Refused);
        Assert.Equal([$"Alert {mine}: not found."], fromForeign.Refused);
        Assert.Contains("is resolved", Assert.Single(intoClosed.Refused), StringComparison.Ordinal);
        Assert.Contains("into itself", Assert.Single(intoItself.Refused), StringComparison.Ordinal);
        Assert.Contains("already merged", Assert.Single(again.Refused), StringComparison.Ordinal);
        Assert.Contains($"merged into alert #{survivor}", Assert.Single(reopen.Refused), StringComparison.Ordinal);
        Assert.All([intoForeign, fromForeign, intoClosed, intoItself, again, reopen], r => Assert.Equal(0, r.Changed));
        await using var scope = factory.PlatformScope(out var db);
        var foreignAlert = await db.Alerts.SingleAsync(a => a.Id == foreign);
        Assert.Equal((1, 1), (foreignAlert.EventCount, await db.AlertHistory.CountAsync(h => h.AlertId == foreign)));
        Assert.Equal(survivor, (await db.Alerts.SingleAsync(a => a.Id == mine)).MergedIntoId);
    }

    [Fact]
    public async Task The_alert_page_merges_keeps_a_refused_input_with_the_reason_and_links_both_ways()
    {
        var own = await TestTenant.CreateAsync(factory, "p");
        var other = await TestTenant.CreateAsync(factory, "q");
        var duplicate = (long)own.RowIds[typeof(Alert)];
        var survivor = await factory.RaiseAsync(own.Id, AlertSeverity.High, title: "the survivor");
        var foreign = await factory.RaiseAsync(other.Id, AlertSeverity.High);
        var page = $"/Alerts/Details/{duplicate}";
        var client = await factory.SignInAsync(own.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var form = await client.GetStringAsync(page);
        var refused = await client.PostFormAsync(page, $"/Alerts/{duplicate}/Merge", new() { ["targetId"] = Text(foreign) });
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        var garbage = await client.PostFormAsync(page, $"/Alerts/{duplicate}/Merge", new() { ["targetId"] = "twelve" });
        var garbageHtml = await garbage.Content.ReadAsStringAsync();
        var merged = await client.PostFormAsync(page, $"/Alerts/{duplicate}/Merge", new() { ["targetId"] = "#" + Text(survivor) });
        var mergedHtml = await client.GetStringAsync(page);
        var survivorHtml = await client.GetStringAsync($"/Alerts/Details/{survivor}");
        // Another tenant's analyst cannot even reach the route for this tenant's alert.
        var stranger = await factory.SignInAsync(other.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var strangerPost = await stranger.PostFormAsync($"/Alerts/Details/{foreign}", $"/Alerts/{duplicate}/Merge", new() { ["targetId"] = Text(foreign) });

        Assert.Contains("id=\"merge-form\"", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains($"Alert #{foreign}: not found.", refusedHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{foreign}\"", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        Assert.Contains("Give the number of the alert to merge into.", garbageHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"twelve\"", garbageHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Contains("id=\"merged-banner\"", mergedHtml, StringComparison.Ordinal);
        Assert.Contains($"id=\"merged-into\" href=\"/Alerts/Details/{survivor}\"", mergedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"merge-form\"", mergedHtml, StringComparison.Ordinal);
        Assert.Contains("Merged into: none → " + Text(survivor), mergedHtml, StringComparison.Ordinal);
        var list = survivorHtml[survivorHtml.IndexOf("id=\"merged-alerts\"", StringComparison.Ordinal)..];
        Assert.Contains($"href=\"/Alerts/Details/{duplicate}\"", list, StringComparison.Ordinal);
        Assert.Contains("Absorbed: none → #" + Text(duplicate), survivorHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, strangerPost.StatusCode);
    }

    [Fact]
    public async Task The_queue_merges_the_checked_alerts_into_the_confirmed_target_and_refuses_a_filter_wide_merge()
    {
        var tenant = await TestTenant.CreateAsync(factory, "b");
        var low = await factory.RaiseAsync(tenant.Id, AlertSeverity.Low);
        var high = await factory.RaiseAsync(tenant.Id, AlertSeverity.High);
        var other = await factory.RaiseAsync(tenant.Id, AlertSeverity.Low);
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var queue = await client.GetStringAsync("/Alerts");
        var token = await client.AntiforgeryTokenAsync("/Alerts");

        using var filterWide = await client.PostAsync("/Alerts/Bulk", new FormUrlEncodedContent(
            [new("query", "severity=low"), new("expected", "2"), new("verb", "Merge"), new("__RequestVerificationToken", token)]));
        var refusal = await client.GetStringAsync(filterWide.Headers.Location!.OriginalString);
        using var response = await client.PostAsync("/Alerts/Bulk", new FormUrlEncodedContent(
            [new("ids", Text(low)), new("ids", Text(high)), new("ids", Text(other)), new("verb", "Merge"), new("targetId", Text(high)),
             new("__RequestVerificationToken", token)]));

        Assert.Contains("<option value=\"Merge\">Merge into…</option>", queue, StringComparison.Ordinal);
        Assert.Contains("merge the checked alerts, not everything matching the filter", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var alerts = await db.Alerts.Where(a => a.Id == low || a.Id == high || a.Id == other).ToDictionaryAsync(a => a.Id);
        Assert.Equal((high, high), (alerts[low].MergedIntoId!.Value, alerts[other].MergedIntoId!.Value));
        Assert.Equal((AlertStatus.New, (long?)null, 3), (alerts[high].Status, alerts[high].MergedIntoId, alerts[high].EventCount));
    }

    [Fact]
    public async Task Without_a_target_the_highest_risk_open_alert_survives_and_ties_go_to_the_oldest()
    {
        var tenant = await TestTenant.CreateAsync(factory, "t");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var older = await factory.RaiseAsync(tenant.Id, AlertSeverity.Medium);
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await factory.RaiseAsync(tenant.Id, AlertSeverity.Medium);
        var riskier = await factory.RaiseAsync(tenant.Id, AlertSeverity.Medium);
        await using (var scope = factory.PlatformScope(out var db))
        {
            (await db.Alerts.SingleAsync(a => a.Id == riskier)).Rescore(90, null, factory.Clock.GetUtcNow(), "test");
            await db.SaveChangesAsync();
        }

        var tie = await factory.SendAsAsync(analyst, new TriageAlerts([newer, older], new TriageAction(TriageVerb.Merge)));
        var third = await factory.SendAsAsync(analyst, new TriageAlerts([older, riskier], new TriageAction(TriageVerb.Merge)));

        Assert.Equal(1, tie.Changed);
        Assert.Equal(1, third.Changed);
        await using var check = factory.PlatformScope(out var db2);
        Assert.Equal(older, (await db2.Alerts.SingleAsync(a => a.Id == newer)).MergedIntoId);
        Assert.Equal(riskier, (await db2.Alerts.SingleAsync(a => a.Id == older)).MergedIntoId);
        Assert.Equal(3, (await db2.Alerts.SingleAsync(a => a.Id == riskier)).EventCount);
    }

    [Fact]
    public async Task Soc_and_value_figures_count_a_merged_duplicate_once_through_its_survivor()
    {
        var tenant = await TestTenant.CreateAsync(factory, "f");
        var analyst = tenant.UserEmails[PortalRole.Analyst];
        var analystId = await factory.UserIdAsync(analyst);
        var t0 = factory.Clock.GetUtcNow();
        var survivor = await factory.RaiseAsync(tenant.Id, AlertSeverity.Critical);
        var duplicate = await factory.RaiseAsync(tenant.Id, AlertSeverity.Critical);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await factory.SendAsAsync(analyst, new TriageAlerts([duplicate], new TriageAction(TriageVerb.Merge, TargetId: survivor)));
        factory.Clock.Advance(TimeSpan.FromMinutes(55));
        await factory.SendAsAsync(analyst, new TriageAlerts([survivor],
            new TriageAction(TriageVerb.Resolve, Disposition: AlertDisposition.FalsePositive, Reason: "scanner")));

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var day = DateOnly.FromDateTime(t0.UtcDateTime);
        var model = await new GetSocMetricsHandler(db, factory.Clock).Handle(new GetSocMetrics(day, day, null), CancellationToken.None);

        var critical = model.Scopes[0].Severities.Single(s => s.Severity == AlertSeverity.Critical);
        // One attack: one alert, resolved in 60 minutes (the duplicate's 5-minute fold is not a resolution).
        Assert.Equal((1, 1, 60.0), (critical.Alerts, critical.Resolve.Count, critical.Resolve.MedianMinutes!.Value));
        Assert.Equal([(analystId, 1)], model.Analysts.Select(a => (a.UserId!, a.Resolved)));
        Assert.Equal([("rule-triage", 1, 1)], model.Rules.Where(r => r.RuleId == "rule-triage").Select(r => (r.RuleId, r.Resolved, r.FalsePositives)));
    }

    private async Task<List<long>> LinkEventsAsync(TestTenant tenant, long alertId, int count)
    {
        await using var scope = factory.PlatformScope(out var db);
        var now = factory.Clock.GetUtcNow();
        var events = Enumerable.Range(0, count).Select(i => new SecurityEvent
        {
            TenantId = tenant.Id, LogSourceId = (long)tenant.RowIds[typeof(LogSource)], Timestamp = now, ReceivedAt = now, RawLine = $"merge-line-{alertId}-{i}",
        }).ToList();
        db.SecurityEvents.AddRange(events);
        await db.SaveChangesAsync();
        db.AlertEvents.AddRange(events.Select(e => new AlertEvent { TenantId = tenant.Id, AlertId = alertId, EventId = e.Id }));
        await db.SaveChangesAsync();
        return [.. events.Select(e => e.Id)];
    }

    private async Task LinkAsync(TestTenant tenant, long alertId, long eventId)
    {
        await using var scope = factory.PlatformScope(out var db);
        db.AlertEvents.Add(new AlertEvent { TenantId = tenant.Id, AlertId = alertId, EventId = eventId });
        await db.SaveChangesAsync();
    }
}
