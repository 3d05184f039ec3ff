using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Domain;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class AlertQueueTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Analyst_filters_triages_three_alerts_by_keyboard_and_closes_a_group_as_false_positive()
    {
        var page = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        // The queue on the demo data, as the README shows it.
        await page.GotoAsync("/Alerts");
        await page.Locator("#alerts tbody tr").First.WaitForAsync();
        var shot = Path.Combine(BrowserFixture.ScreenshotDirectory, "queue.png");
        await page.ScreenshotAsync(new() { Path = shot });
        if (RepositoryRoot() is { } root)
        {
            Directory.CreateDirectory(Path.Combine(root, "docs", "images"));
            File.Copy(shot, Path.Combine(root, "docs", "images", "queue.png"), overwrite: true);
        }

        // Filter with the controls: the URL gets readable values and the controls keep them.
        await page.Locator("#f-status").SelectOptionAsync("new");
        await page.Locator("#f-sort").SelectOptionAsync("time");
        await page.Locator("#apply-filter").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("status=new", StringComparison.Ordinal) && url.Contains("sort=time", StringComparison.Ordinal));
        Assert.Equal("new", await page.Locator("#f-status").InputValueAsync());
        Assert.Equal("time", await page.Locator("#f-sort").InputValueAsync());
        var ids = await page.Locator("#alerts tbody tr").EvaluateAllAsync<long[]>("rows => rows.slice(0, 3).map(r => Number(r.dataset.id))");
        Assert.Equal(3, ids.Length);

        // Three alerts, keyboard only: assign the first to me, escalate the second, close the third as a false positive.
        await page.Locator("body").ClickAsync(new() { Position = new() { X = 5, Y = 5 } });
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("a");
        await page.Locator("#queue-toast", new() { HasText = $"Alert {ids[0]}: AssignToMe: 1 changed" }).WaitForAsync();
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("e");
        await page.Locator("#queue-toast", new() { HasText = $"Alert {ids[1]}: Escalate: 1 changed" }).WaitForAsync();
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("f");
        await page.Locator("#resolve-dialog[open]").WaitForAsync();
        await page.Keyboard.TypeAsync("Known scanner of the customer");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#queue-toast", new() { HasText = $"Alert {ids[2]}: Resolve: 1 changed" }).WaitForAsync();
        await page.Keyboard.PressAsync("?");
        await page.Locator("#shortcuts[open]").WaitForAsync();
        await page.Keyboard.PressAsync("Escape");

        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            var analyst = await db.Users.Where(u => u.Email == "analyst@mssp.example").Select(u => u.Id).SingleAsync();
            var triaged = await db.Alerts.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id);
            Assert.Equal(analyst, triaged[ids[0]].AssigneeId);
            Assert.Equal(AlertStatus.Escalated, triaged[ids[1]].Status);
            Assert.Equal((AlertStatus.Resolved, AlertDisposition.FalsePositive, "Known scanner of the customer"),
                (triaged[ids[2]].Status, triaged[ids[2]].Disposition, triaged[ids[2]].DispositionReason));
        }

        // Group the open alerts by rule and close the first group as false positive with a reason, by mouse.
        await page.GotoAsync("/Alerts?group=rule");
        var group = page.Locator("#alert-groups tbody tr").First;
        var rule = await group.GetAttributeAsync("data-group");
        var count = int.Parse(await group.Locator(".group-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await group.Locator("select[name=verb]").SelectOptionAsync("Resolve");
        await group.Locator("select[name=disposition]").SelectOptionAsync("FalsePositive");
        await group.Locator("input[name=reason]").FillAsync("Rule fires on the nightly backup job");
        await group.Locator("button[type=submit]").ClickAsync();
        await page.Locator("[role=status]", new() { HasText = $"Resolve: {count} changed" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "queue-group-closed.png"), FullPage = true });

        await using (var scope = fixture.Portal.PlatformScope(out var db))
        {
            Assert.Equal(0, await db.Alerts.CountAsync(a => a.RuleId == rule && a.Status != AlertStatus.Resolved));
            Assert.True(await db.Alerts.CountAsync(a => a.RuleId == rule && a.Disposition == AlertDisposition.FalsePositive
                && a.DispositionReason == "Rule fires on the nightly backup job") >= count);
        }
        Assert.Empty(violations);
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MsspPortal.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}
