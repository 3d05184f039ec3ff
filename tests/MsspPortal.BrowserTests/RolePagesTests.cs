using Microsoft.Playwright;
using MsspPortal.Web.Demo;

namespace MsspPortal.BrowserTests;

/// <summary>Each demo role, signed in through the real form, sees its own menu and is told why where it may not go.</summary>
[Collection(BrowserGroup.Name)]
public sealed class RolePagesTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("auditor@orbit-saas.example", "/Audit", "Audit log", "/Rules/Create")]
    [InlineData("committee@harbor-bank.example", "/Committee", "Committee", "/LogSources")]
    [InlineData("owner@northwind-shop.example", "/Value", "Value", "/Audit")]
    [InlineData("analyst@mssp.example", "/Alerts", "Alerts", "/Users")]
    public async Task A_role_sees_its_menu_and_a_denied_page_that_says_why(string email, string allowed, string menuEntry, string denied)
    {
        var page = await fixture.SignedInPageAsync(email, DemoSeeder.DemoPassword);
        var name = email[..email.IndexOf('@', StringComparison.Ordinal)];

        var ok = await page.GotoAsync(allowed);
        Assert.Equal(200, ok!.Status);
        Assert.Equal(1, await page.Locator($"nav a.nav-link:text-is('{menuEntry}')").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"role-{name}.png"), FullPage = true });

        var no = await page.GotoAsync(denied);
        Assert.Equal(403, no!.Status);
        Assert.Contains("Access denied", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("which these roles hold in a tenant", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"role-{name}-denied.png") });
    }
}
