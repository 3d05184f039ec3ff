using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class BillingPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Analyst_reads_the_invoice_preview_with_its_sources_and_opens_the_terms_form()
    {
        var tenant = await BillingSeed.SeedAsync(fixture.Portal, "bw", RevenueShareReading.Marginal, reportLastYear: true);
        var page = await fixture.SignedInPageAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        await page.GotoAsync($"/Value/Billing?tenant={tenant.Slug}&period=2026-Q4");
        await page.Locator("#invoice-total").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "billing-invoice.png"), FullPage = true });

        Assert.Equal("510,000.00 EUR", (await page.Locator("#invoice-total").InnerTextAsync()).Trim());
        Assert.Equal(2, await page.Locator("#sla-credits tbody tr").CountAsync()); // Critical and High are promised
        await page.Locator("#edit-terms").ClickAsync();
        await page.Locator("#terms-form").WaitForAsync();
        Assert.Equal("300000", (await page.Locator("#BaseFee").InputValueAsync()).Split('.')[0]);
    }
}
