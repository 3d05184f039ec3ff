using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Core.Detection.BuiltIn;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Infrastructure.Tenancy;
using MsspPortal.Web.Pipeline;

namespace MsspPortal.IntegrationTests.Detection;

public sealed class DetectionPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string NearRule = """
        title: Uses near
        id: 8f1c2d3e-0000-4000-8000-000000000001
        author: Someone
        logsource:
          product: windows
        detection:
          selection:
            CommandLine|base64: 'secret'
          condition: selection
        level: high
        """;

    [Fact]
    public async Task Sigma_import_refuses_an_unsupported_rule_with_the_reason_and_keeps_the_input()
    {
        var tenant = await TestTenant.CreateAsync(factory, "sig");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync("/Rules/Import", "/Rules/Import", new() { ["TenantId"] = tenant.Id.ToString(), ["Yaml"] = NearRule });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not supported", html, StringComparison.Ordinal);
        Assert.Contains("base64", html, StringComparison.Ordinal);
        Assert.Contains("8f1c2d3e-0000-4000-8000-000000000001", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.TenantRules.CountAsync(r => r.TenantId == tenant.Id)); // only TestTenant's own rule
    }

    [Fact]
    public async Task Rules_list_shows_built_ins_and_tenant_rules_with_authors_and_toggles()
    {
        var tenant = await TestTenant.CreateAsync(factory, "lst");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var toggle = await client.PostFormAsync("/Rules", "/Rules/Toggle",
            new() { ["TenantId"] = tenant.Id.ToString(), ["RuleId"] = BuiltInRuleIds.PortScan, ["Enabled"] = "false" });
        var html = await client.GetStringAsync("/Rules");

        Assert.Equal(HttpStatusCode.Redirect, toggle.StatusCode);
        Assert.Contains(BuiltInRuleIds.BruteForceUser, html, StringComparison.Ordinal);
        Assert.Contains($"author-{tenant.Marker}", html, StringComparison.Ordinal);
        Assert.Contains("T1110", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False((await db.TenantRuleSettings.SingleAsync(s => s.TenantId == tenant.Id && s.RuleId == BuiltInRuleIds.PortScan)).Enabled);
    }

    [Fact]
    public async Task Rule_test_counts_the_alerts_a_rule_would_raise_on_the_last_24_hours_without_writing()
    {
        var tenant = await TestTenant.CreateAsync(factory, "tst");
        var start = TimeProvider.System.GetUtcNow().AddHours(-2);
        // Two bursts an hour apart: two alerts by source; one old burst outside the 24 h.
        await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddHours(-30).AddSeconds(i), "198.51.100.20", "a"))
            .Concat(Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i), "198.51.100.21", "a")))
            .Concat(Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddHours(1).AddSeconds(i), "198.51.100.22", "b"))));
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        int AlertCount() { using var s = factory.PlatformScope(out var db); return db.Alerts.Count(a => a.TenantId == tenant.Id); }
        var before = AlertCount();

        var response = await client.PostFormAsync("/Rules", "/Rules/Test", new() { ["TenantId"] = tenant.Id.ToString(), ["RuleId"] = BuiltInRuleIds.BruteForceSource });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<strong id=\"would-raise\">2</strong>", html, StringComparison.Ordinal);
        Assert.Equal(before, AlertCount());
    }

    [Fact]
    public async Task Tuning_a_built_in_rule_changes_what_it_counts_for_that_tenant_only_and_enabling_keeps_the_tuning()
    {
        var tenant = await TestTenant.CreateAsync(factory, "tun");
        var other = await TestTenant.CreateAsync(factory, "tun2");
        var start = TimeProvider.System.GetUtcNow().AddHours(-2);
        // Wazuh 5720's pace: 8 failures from one address, 50 s apart (350 s), which the default 8-in-6-minutes catches.
        IEnumerable<Core.Events.NormalizedEvent> Slow(string address) =>
            Enumerable.Range(0, 8).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i * 50), address, i % 2 == 0 ? "root" : "admin"));
        await StoredEvents.StoreAsync(factory, tenant, Slow("198.51.100.40"));
        await StoredEvents.StoreAsync(factory, other, Slow("198.51.100.41"));
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        async Task<string> WouldRaise(HttpClient c, TestTenant t) =>
            await (await c.PostFormAsync("/Rules", "/Rules/Test", new() { ["TenantId"] = t.Id.ToString(), ["RuleId"] = BuiltInRuleIds.BruteForceSource })).Content.ReadAsStringAsync();
        Task<HttpResponseMessage> Tune(string threshold, string window) => client.PostFormAsync("/Rules", "/Rules/Tune",
            new() { ["TenantId"] = tenant.Id.ToString(), ["RuleId"] = BuiltInRuleIds.BruteForceSource, ["ThresholdOverride"] = threshold, ["WindowSecondsOverride"] = window });

        Assert.Contains("<strong id=\"would-raise\">1</strong>", await WouldRaise(client, tenant), StringComparison.Ordinal);

        var narrowed = await Tune("", "120"); // Wazuh 5712's 120 s: the slow pace no longer fits
        Assert.Equal(HttpStatusCode.Redirect, narrowed.StatusCode);
        Assert.Contains("<strong id=\"would-raise\">0</strong>", await WouldRaise(client, tenant), StringComparison.Ordinal);
        await Tune("3", "120"); // three failures in 120 s do
        Assert.Contains("<strong id=\"would-raise\">1</strong>", await WouldRaise(client, tenant), StringComparison.Ordinal);
        var list = await client.GetStringAsync($"/Rules?tenantId={tenant.Id}");
        Assert.Contains("<span class=\"fires-at\">3 in 120 s</span>", list, StringComparison.Ordinal);

        await client.PostFormAsync("/Rules", "/Rules/Toggle", new() { ["TenantId"] = tenant.Id.ToString(), ["RuleId"] = BuiltInRuleIds.BruteForceSource, ["Enabled"] = "false" });
        await client.PostFormAsync("/Rules", "/Rules/Toggle", new() { ["TenantId"] = tenant.Id.ToString(), ["RuleId"] = BuiltInRuleIds.BruteForceSource, ["Enabled"] = "true" });

        await using var scope = factory.PlatformScope(out var db);
        var setting = await db.TenantRuleSettings.SingleAsync(s => s.TenantId == tenant.Id && s.RuleId == BuiltInRuleIds.BruteForceSource);
        Assert.Equal((true, 3, 120), (setting.Enabled, setting.ThresholdOverride, setting.WindowSecondsOverride));
        Assert.False(await db.TenantRuleSettings.AnyAsync(s => s.TenantId == other.Id));
    }

    [Fact]
    public async Task A_window_out_of_range_is_refused_with_the_reason_and_the_entered_values_kept()
    {
        var tenant = await TestTenant.CreateAsync(factory, "tunx");
        var client = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await client.PostFormAsync("/Rules", "/Rules/Tune", new()
        {
            ["TenantId"] = tenant.Id.ToString(), ["RuleId"] = BuiltInRuleIds.PasswordSpraying, ["ThresholdOverride"] = "7", ["WindowSecondsOverride"] = "90000",
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"tune-errors\"", html, StringComparison.Ordinal);
        Assert.Contains("one day (86400 seconds)", html, StringComparison.Ordinal);
        Assert.Contains("value=\"90000\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"7\"", html, StringComparison.Ordinal);
        await using var scope = factory.PlatformScope(out var db);
        Assert.False(await db.TenantRuleSettings.AnyAsync(s => s.TenantId == tenant.Id && s.RuleId == BuiltInRuleIds.PasswordSpraying));
    }

    [Fact]
    public async Task Coverage_page_of_a_demo_tenant_shows_the_matrix_and_the_MITRE_notice()
    {
        var client = await factory.SignInAsync(DemoSeeder.People[0].Email, DemoSeeder.DemoPassword);
        Guid northwind;
        await using (var scope = factory.PlatformScope(out var db))
        {
            northwind = await db.Tenants.Where(t => t.Slug == "northwind-shop").Select(t => t.Id).SingleAsync();
        }

        var html = await client.GetStringAsync($"/Coverage?tenantId={northwind}");

        Assert.Contains("Credential Access", html, StringComparison.Ordinal);
        Assert.Contains("T1110", html, StringComparison.Ordinal);
        Assert.Contains("reproduced and distributed with the permission of The MITRE Corporation", html, StringComparison.Ordinal);
        Assert.Contains("id=\"attack-notice\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_alert_details_show_the_score_breakdown_factors()
    {
        var client = await factory.SignInAsync(DemoSeeder.People[0].Email, DemoSeeder.DemoPassword);
        long alertId;
        await using (var scope = factory.PlatformScope(out var db))
        {
            alertId = await db.Alerts.Where(a => a.RiskFactors != null).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync();
        }

        var html = await client.GetStringAsync($"/Alerts/Details/{alertId}");

        Assert.Contains("id=\"risk-factors\"", html, StringComparison.Ordinal);
        Assert.Contains("base risk of the detection rule", html, StringComparison.Ordinal);
        Assert.Contains("MsspPortal", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rescoring_after_an_asset_change_updates_open_alerts_with_history()
    {
        var tenant = await TestTenant.CreateAsync(factory, "rsc");
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-20);
        var inputs = await StoredEvents.StoreAsync(factory, tenant,
            Enumerable.Range(0, 20).Select(i => StoredEvents.FailedLogon(start.AddSeconds(i), "198.51.100.30", $"u{i}", "10.99.0.1")));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
            await scope.ServiceProvider.GetRequiredService<IDetectionStage>().ProcessAsync(tenant.Id, inputs, CancellationToken.None);
        }
        await using (var scope = factory.PlatformScope(out var db))
        {
            var asset = await db.Assets.SingleAsync(a => a.TenantId == tenant.Id);
            asset.Criticality = 1;
            await db.SaveChangesAsync();
        }

        int again;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var job = ActivatorUtilities.CreateInstance<RescoreAlertsJob>(scope.ServiceProvider, new Moq.Mock<Hangfire.IBackgroundJobClient>().Object);
            await job.RunForTenantAsync(tenant.Id, CancellationToken.None);
            var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
            again = await sender.Send(new RescoreOpenAlerts()); // the rerun finds nothing left to change
        }

        Assert.Equal(0, again);
        await using var check = factory.PlatformScope(out var verify);
        var alert = await verify.Alerts.SingleAsync(a => a.TenantId == tenant.Id && a.RuleId == BuiltInRuleIds.BruteForceSource);
        Assert.Contains("minimal asset 0.5", alert.RiskBreakdown, StringComparison.Ordinal);
        Assert.Contains(await verify.AlertHistory.Where(h => h.AlertId == alert.Id).ToListAsync(), h => h.Field == "RiskScore" && h.Reason!.StartsWith("Context changed", StringComparison.Ordinal));
    }
}
