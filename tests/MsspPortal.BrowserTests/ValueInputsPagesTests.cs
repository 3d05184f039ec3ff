using Microsoft.Playwright;
using MsspPortal.Web.Demo;

namespace MsspPortal.BrowserTests;

/// <summary>The value model's inputs on the demo: the owner's profile and figures, the committee's assumptions.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ValueInputsPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_owner_reads_her_profile_in_euros_and_enters_a_months_figures()
    {
        var page = await fixture.SignedInPageAsync("owner@northwind-shop.example", DemoSeeder.DemoPassword);

        var profile = await page.GotoAsync("/Value/Profile");
        Assert.Equal(200, profile!.Status);
        Assert.Contains("0.8 %", await page.Locator("#profile-baseline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("EUR", await page.Locator("#profile-services").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value-profile.png"), FullPage = true });

        await page.GotoAsync("/Value/Figures");
        await page.Locator("#RetentionPercent").FillAsync("140");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the month" }).ClickAsync();
        Assert.Contains("A rate is a percentage between 0 and 100.", await page.Locator("#figures-form").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("140", await page.Locator("#RetentionPercent").InputValueAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value-figures.png"), FullPage = true });
    }

    [Fact]
    public async Task The_committee_delegate_sees_the_approved_assumptions_and_their_versions()
    {
        var page = await fixture.SignedInPageAsync("committee@harbor-bank.example", DemoSeeder.DemoPassword);

        var response = await page.GotoAsync("/Value/Assumptions");
        Assert.Equal(200, response!.Status);
        Assert.Contains("Version 2 (in force)", await page.Locator("#set-version").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await page.Locator("#versions tbody tr").CountAsync());
        Assert.Contains("Hugo Committee", await page.Locator("#assumptions").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value-assumptions.png"), FullPage = true });
    }
}
