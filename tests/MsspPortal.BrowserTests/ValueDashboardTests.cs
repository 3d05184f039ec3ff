using Microsoft.Playwright;
using MsspPortal.Web.Demo;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class ValueDashboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_demo_business_owner_sees_the_three_families_and_the_trend_charts_drawn()
    {
        var page = await fixture.SignedInPageAsync("owner@northwind-shop.example", DemoSeeder.DemoPassword);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/Value");
        await page.Locator("canvas.value-chart[data-ready=true]").Nth(5).WaitForAsync();

        Assert.Contains("Northwind Shop", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("so far", await page.Locator("#value-period").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(6, await page.Locator("canvas.value-chart[data-ready=true]").CountAsync());
        // Chart.js drew twelve months into each chart.
        Assert.Equal(12, await page.EvaluateAsync<int>("() => document.getElementById('chart-attacks').chart.data.labels.length"));
        foreach (var family in new[] { "#family-protection", "#family-efficiency", "#family-growth" })
        {
            Assert.True(await page.Locator(family).IsVisibleAsync(), family);
        }
        var loss = page.Locator(".value-figure[data-key='protection.loss-avoided']");
        Assert.Contains("–", await loss.Locator(".value-main").InnerTextAsync(), StringComparison.Ordinal);
        await loss.Locator("summary").ClickAsync();
        Assert.Contains("Monte Carlo", await loss.Locator(".value-formula p").InnerTextAsync(), StringComparison.Ordinal);
        await loss.Locator("summary").ClickAsync();

        // Looked at after each run; the README's picture is taken on the six-month demo (this fixture seeds three days).
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value-dashboard.png"), FullPage = true });
        Assert.Empty(violations);
    }
}
