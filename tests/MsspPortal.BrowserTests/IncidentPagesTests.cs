using Microsoft.Playwright;
using MsspPortal.Web.Demo;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class IncidentPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Analyst_opens_an_incident_from_an_alert_and_closes_it_with_its_impact()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = PortalPagesTests.CollectCspViolations(page);

        await page.GotoAsync("/Alerts");
        var firstAlert = page.Locator("#alerts tbody a").First;
        var alertTitle = await firstAlert.InnerTextAsync();
        var alertId = (await firstAlert.GetAttributeAsync("href"))!.Split('/')[^1];

        await page.GotoAsync("/Incidents");
        await page.Locator("#open-incident summary").ClickAsync();
        await page.GetByLabel("Alert number").FillAsync(alertId);
        await page.GetByLabel("Title").FillAsync("Browser test: " + alertTitle);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open incident" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Incidents/Details/", StringComparison.Ordinal));
        Assert.Contains(alertTitle, await page.Locator("#incident-alerts").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Take ownership" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Incidents/Details/", StringComparison.Ordinal));
        Assert.Equal("Alex Analyst", (await page.Locator("#incident-owner").InnerTextAsync()).Trim());

        // A close without the loss's source is refused and keeps what was typed.
        await page.Locator("#BusinessServiceId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Minutes of interruption").FillAsync("12");
        await page.Locator("#ActualLoss").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close incident" }).ClickAsync();
        await page.Locator("#close-form .text-danger").Filter(new() { HasTextString = "Say where the loss figure comes from" }).WaitForAsync();
        Assert.Equal("12", await page.GetByLabel("Minutes of interruption").InputValueAsync());

        await page.GetByLabel("Source of the loss figure").FillAsync("customer finance: no loss booked (call 2026-12-02)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close incident" }).ClickAsync();
        await page.Locator("#incident-impact").WaitForAsync();
        var impact = await page.Locator("#incident-impact").InnerTextAsync();
        Assert.Contains("12 min", impact, StringComparison.Ordinal);
        Assert.Contains("customer finance: no loss booked (call 2026-12-02)", impact, StringComparison.Ordinal);
        Assert.Equal("closed", (await page.Locator("#incident-status").InnerTextAsync()).Trim());
        Assert.Contains("impact recorded", await page.Locator("#incident-timeline").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "incident-closed.png"), FullPage = true });

        await page.GotoAsync("/Incidents?status=closed");
        Assert.Contains("Browser test: ", await page.Locator("#incidents").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "incidents.png"), FullPage = true });
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Soc_page_draws_its_charts_from_the_vendored_chart_js_under_the_csp()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = PortalPagesTests.CollectCspViolations(page);

        await page.GotoAsync("/Soc");
        await page.Locator("#chart-times[data-ready=true]").WaitForAsync();
        Assert.True(await page.Locator("#soc-times tbody tr").CountAsync() >= 4);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "soc.png"), FullPage = true });
        Assert.Empty(violations);
    }
}
