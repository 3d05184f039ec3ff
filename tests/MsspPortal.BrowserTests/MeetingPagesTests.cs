using System.Globalization;
using Microsoft.Playwright;
using MsspPortal.Web.Demo;

namespace MsspPortal.BrowserTests;

// A weekly sync from agenda to minutes to action items, as the committee's secretary runs it in the browser.
[Collection(BrowserGroup.Name)]
public sealed class MeetingPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_secretary_runs_a_weekly_sync_from_agenda_to_minutes_decisions_and_action_items_and_closes_it()
    {
        var page = await fixture.SignedInPageAsync("security@northwind-shop.example", DemoSeeder.DemoPassword);
        await page.GotoAsync("/Meetings");
        Assert.Contains("Northwind Shop", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        // The next weekly sync (an emergency session the live queue's Critical alert opened may come first).
        await page.Locator("#upcoming tbody tr", new() { HasText = "Weekly" }).Locator("a").First.ClickAsync();
        Assert.Equal("Scheduled", await page.Locator("#meeting-status").InnerTextAsync());
        // The planned sync's agenda was assembled from the records: at least the month's value figures.
        Assert.True(await page.Locator("#agenda-items .agenda-valuefigure").CountAsync() > 0);

        await page.Locator("#item-title").FillAsync("Budget for DDoS scrubbing before the next sale");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to agenda" }).ClickAsync();
        var item = page.Locator("li.agenda-item", new() { HasText = "Budget for DDoS scrubbing" });
        await item.Locator("summary").ClickAsync();
        await item.Locator("textarea").FillAsync("The CTO asks for two quotes.");
        await item.GetByLabel("Discussed").CheckAsync();
        await item.GetByRole(AriaRole.Button, new() { Name = "Save notes" }).ClickAsync();
        Assert.Contains("The CTO asks for two quotes.", await page.Locator("li.agenda-item", new() { HasText = "Budget for DDoS scrubbing" }).InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("#start-meeting").ClickAsync();
        Assert.Equal("Held", await page.Locator("#meeting-status").InnerTextAsync());
        await page.Locator("#minutes-text").FillAsync("Reviewed the week's records. Agreed to ask for two scrubbing quotes before the sale.");
        await page.Locator("#save-minutes").ClickAsync();
        Assert.Contains("Minutes saved.", await page.Locator("[role=status]").First.InnerTextAsync(), StringComparison.Ordinal);

        // A decision without a decider is refused and comes back as typed.
        await page.Locator("#decision-text").FillAsync("Buy DDoS scrubbing for the sale period");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        Assert.Contains("Choose the member who took the decision.", await page.Locator("#decision").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Buy DDoS scrubbing for the sale period", await page.Locator("#decision-text").InputValueAsync());
        await page.Locator("#decider").SelectOptionAsync(new SelectOptionValue { Label = "Carlos Mendes (Customer)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await page.Locator("#decision-text").FillAsync("Tell the support team about the scrubbing change");
        await page.Locator("#decider").SelectOptionAsync(new SelectOptionValue { Label = "Sven Ito (Customer) — no decision authority" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        Assert.Equal(2, await page.Locator("#decisions li").CountAsync());
        Assert.Equal(1, await page.Locator("#decisions .no-authority").CountAsync());

        await page.Locator("#action-title").FillAsync("Collect two DDoS scrubbing quotes");
        await page.Locator("#action-owner").SelectOptionAsync(new SelectOptionValue { Label = "Ingrid Larsen (Customer)" });
        await page.Locator("#action-due").FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise" }).ClickAsync();
        Assert.Contains("Collect two DDoS scrubbing quotes", await page.Locator("#meeting-actions").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "meeting-held.png"), FullPage = true });

        await page.Locator("#close-meeting").ClickAsync();
        Assert.Equal("Closed", await page.Locator("#meeting-status").InnerTextAsync());
        Assert.Contains("read-only", await page.Locator("#read-only").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#minutes-text").CountAsync());
        Assert.Contains("Sven Ito", await page.Locator("#meeting-when").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "meeting-closed.png"), FullPage = true });
        await page.GotoAsync("/Meetings");
        Assert.Contains("Weekly sync", await page.Locator("#past").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "meetings.png"), FullPage = true });
    }
}
