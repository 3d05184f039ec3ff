using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class AlertTriageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Analyst_acknowledges_comments_and_resolves_an_alert_and_reads_it_in_the_history()
    {
        long id;
        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            // The demo leaves the last two days open for the live queue.
            id = await db.Alerts.Where(a => a.Status == AlertStatus.New).OrderByDescending(a => a.RiskScore).ThenByDescending(a => a.Id)
                .Select(a => a.Id).FirstAsync();
        }
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync($"/Alerts/Details/{id}");
        await page.Locator("#acknowledge").ClickAsync();
        await page.Locator("[role=status] >> text=Acknowledged.").WaitForAsync();
        await page.Locator("#comment-text").FillAsync("Checked the VPN logs: <b>known</b> scanner");
        await page.Locator("#add-comment").ClickAsync();
        await page.Locator("[role=status] >> text=Comment added.").WaitForAsync();
        await page.Locator("#disposition").SelectOptionAsync(new SelectOptionValue { Label = "False positive" });
        await page.Locator("#resolve-reason").FillAsync("Authorised vulnerability scan");
        await page.Locator("#resolve").ClickAsync();
        await page.Locator("[role=status] >> text=Resolved as FalsePositive.").WaitForAsync();

        var history = await page.Locator("#history").InnerTextAsync();
        Assert.Contains("Status: New → Acknowledged", history, StringComparison.Ordinal);
        Assert.Contains("Disposition: none → FalsePositive", history, StringComparison.Ordinal);
        Assert.Contains("Authorised vulnerability scan", history, StringComparison.Ordinal);
        Assert.Contains("Checked the VPN logs: <b>known</b> scanner", await page.Locator("#comments").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("FalsePositive", await page.Locator("#alert-disposition").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "alert-triaged.png"), FullPage = true });
        Assert.Empty(violations);
    }
}
