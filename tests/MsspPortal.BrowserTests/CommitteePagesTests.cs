using Microsoft.Playwright;
using MsspPortal.Web.Demo;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class CommitteePagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_northwind_committee_member_reads_the_committee_raises_an_item_and_sees_the_burn_down_drawn()
    {
        var page = await fixture.SignedInPageAsync("ecommerce@northwind-shop.example", DemoSeeder.DemoPassword);
        var errors = new List<string>();
        // Screenshots keep the caret: hiding it injects a style element, which the CSP rightly refuses.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(page.Url + ": " + message.Text);
            }
        };

        await page.GotoAsync("/Committee");
        Assert.Contains("Northwind", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("A", (await page.Locator("#raci tr[data-area=BusinessDecisions] td.fw-bold").InnerTextAsync()).Trim());
        Assert.Contains("No major security incident during the November sale", await page.Locator("#goals").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "committee.png"), FullPage = true, Caret = ScreenshotCaret.Initial });

        await page.GotoAsync("/ActionItems/Create");
        await page.FillAsync("#Title", "Review the checkout rate limits before the sale");
        await page.SelectOptionAsync("#OwnerMemberId", new SelectOptionValue { Label = "Sven Ito — Internal security lead (Customer)" });
        await page.FillAsync("#DueOn", DateTime.UtcNow.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("form[action='/ActionItems/Create'] button[type=submit]");
        await page.Locator("section[data-column=Open] article").First.WaitForAsync();
        Assert.Contains("overdue", await page.Locator("section[data-column=Open]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "action-items.png"), FullPage = true, Caret = ScreenshotCaret.Initial });

        await page.GotoAsync("/ActionItems/Burndown");
        await page.Locator("canvas.burndown-chart[data-ready=true]").WaitForAsync();
        Assert.True(await page.Locator("#burndown-table tbody tr").CountAsync() >= 14);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "action-items-burndown.png"), FullPage = true, Caret = ScreenshotCaret.Initial });
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
