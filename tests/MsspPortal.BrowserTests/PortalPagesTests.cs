using Microsoft.Playwright;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class PortalPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Analyst_works_the_alert_queue_and_opens_an_alert_with_its_history()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = CollectCspViolations(page);

        await page.GotoAsync("/Alerts");
        var rows = page.Locator("#alerts tbody tr");
        Assert.True(await rows.CountAsync() > 0, "the demo queue is empty");
        await page.Locator("select[name=severity]").SelectOptionAsync(new SelectOptionValue { Label = "High" });
        await page.Locator("#apply-filter").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("severity=", StringComparison.Ordinal));
        var severities = await page.Locator("#alerts tbody .badge").AllInnerTextsAsync();
        Assert.NotEmpty(severities);
        Assert.All(severities, s => Assert.Equal("High", s));

        await page.Locator("#alerts tbody a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Alerts/Details/", StringComparison.Ordinal));
        Assert.True(await page.Locator("#history tbody tr").CountAsync() >= 1);
        Assert.Contains("Raised by detection", await page.Locator("#history").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "alert-details.png"), FullPage = true });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Business_owner_sees_their_value_page_and_no_detection_set_up_navigation()
    {
        var page = await fixture.SignedInPageAsync("owner@northwind-shop.example", DemoSeeder.DemoPassword);

        Assert.Contains("/Value", page.Url, StringComparison.Ordinal);
        var heading = await page.Locator("h1").InnerTextAsync();
        Assert.Contains("Northwind Shop", heading, StringComparison.Ordinal);
        // A business owner reads their tenant's alerts (to answer questions) but never detection or ingestion set-up.
        Assert.Equal(0, await page.Locator("nav >> text=Log sources").CountAsync());
        Assert.Equal(0, await page.Locator("nav >> text=Ingestion").CountAsync());
        Assert.Equal(0, await page.Locator("nav >> text=Audit log").CountAsync());
        Assert.Equal(1, await page.Locator("nav >> text=Alerts").CountAsync());
        Assert.Equal(1, await page.Locator("nav >> text=Committee").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value.png"), FullPage = true });
    }

    [Fact]
    public async Task Analyst_opens_a_source_s_quarantine_from_the_log_sources_list()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = CollectCspViolations(page);
        await page.GotoAsync("/LogSources");

        // Every count links to that source's quarantine, whether it holds lines or not.
        var link = page.Locator("table tbody tr td a[href*='/Quarantine']").First;
        await link.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("Quarantine", StringComparison.Ordinal));

        Assert.Contains("Quarantine of", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("form button:has-text('Reprocess')").CountAsync());
        Assert.Equal("Log sources", (await page.Locator(".breadcrumb a").First.InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "quarantine.png"), FullPage = true });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Tenant_switcher_narrows_the_asset_list_through_the_script_allowed_by_the_csp()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = CollectCspViolations(page);
        await page.GotoAsync("/Assets");
        Assert.Contains("Checkout", await page.Locator("#assets").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#switch-tenant").SelectOptionAsync(new SelectOptionValue { Label = "Harbor Bank" });
        await Assertions.Expect(page.Locator("#switch-tenant option:checked")).ToHaveTextAsync("Harbor Bank");
        var narrowed = await page.Locator("#assets").InnerTextAsync();

        Assert.Contains("Core banking DB", narrowed, StringComparison.Ordinal);
        Assert.DoesNotContain("Checkout", narrowed, StringComparison.Ordinal);
        Assert.EndsWith("/Assets", page.Url, StringComparison.Ordinal);
        Assert.Equal("Harbor Bank", (await page.Locator("#switch-tenant option:checked").InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "assets-one-tenant.png"), FullPage = true });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_rejected_asset_form_keeps_the_input_and_shows_messages_next_to_the_fields()
    {
        var tenant = await TestTenant.CreateAsync(fixture.Portal, "w");
        var page = await fixture.SignedInPageAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        await page.GotoAsync("/Assets/Create");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Payroll server");
        await page.GetByLabel("Criticality (1–5)").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create asset" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);

        Assert.Equal("Payroll server", await page.GetByLabel("Name", new() { Exact = true }).InputValueAsync());
        Assert.Equal("7", await page.GetByLabel("Criticality (1–5)").InputValueAsync());
        Assert.Contains("Criticality goes from 1", await page.Locator("[data-valmsg-for=Criticality]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Give at least one address", await page.Locator("[data-valmsg-for=Identifiers]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "asset-form-errors.png"), FullPage = true });
    }

    [Fact]
    public async Task Analyst_sees_the_attack_coverage_matrix_with_mitres_notice_and_the_rules_list()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = CollectCspViolations(page);

        await page.GotoAsync("/Coverage");
        await page.Locator("#switch-tenant").SelectOptionAsync(new SelectOptionValue { Label = "Harbor Bank" });
        await Assertions.Expect(page.Locator("#switch-tenant option:checked")).ToHaveTextAsync("Harbor Bank");
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("MITRE", text, StringComparison.Ordinal);
        Assert.Contains("T1110", text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "coverage.png"), FullPage = true });

        // Through the navigation's dropdown: Bootstrap's script runs under the CSP.
        await page.GetByRole(AriaRole.Button, new() { Name = "Detection" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Detection" })).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Rules", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Rules", StringComparison.Ordinal));
        Assert.Contains("T1046", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "rules.png"), FullPage = true });
        Assert.Empty(violations);
    }

    internal static List<string> CollectCspViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        return violations;
    }
}
