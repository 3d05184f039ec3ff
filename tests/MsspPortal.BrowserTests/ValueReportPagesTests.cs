using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Demo;
using MsspPortal.Web.Features.Value.Reports;
using Microsoft.EntityFrameworkCore;

namespace MsspPortal.BrowserTests;

[Collection(BrowserGroup.Name)]
public sealed class ValueReportPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Analyst_downloads_the_PDF_and_CSV_and_publishes_then_the_business_owner_acknowledges()
    {
        var id = await NorthwindReportOfLastMonthAsync();
        var analyst = await fixture.SignedInPageAsync("analyst@mssp.example", DemoSeeder.DemoPassword);

        await analyst.GotoAsync($"/ValueReports/Details/{id}");
        Assert.Contains("Northwind Shop", await analyst.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await analyst.Locator("#report-headlines li").CountAsync() > 0);
        await analyst.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value-report.png"), FullPage = true });

        var pdf = await analyst.RunAndWaitForDownloadAsync(() => analyst.Locator("#download-pdf").ClickAsync());
        var pdfPath = Path.Combine(BrowserFixture.ScreenshotDirectory, pdf.SuggestedFilename);
        await pdf.SaveAsAsync(pdfPath);
        var csv = await analyst.RunAndWaitForDownloadAsync(() => analyst.Locator("#download-csv").ClickAsync());
        var csvPath = Path.Combine(BrowserFixture.ScreenshotDirectory, csv.SuggestedFilename);
        await csv.SaveAsAsync(csvPath);

        Assert.StartsWith("value-report-northwind-shop-", pdf.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".pdf", pdf.SuggestedFilename, StringComparison.Ordinal);
        var (pages, text) = PdfText.Read(await File.ReadAllBytesAsync(pdfPath));
        Assert.True(pages >= 2);
        Assert.Contains("Northwind Shop", text, StringComparison.Ordinal);
        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal(string.Join(',', ValueReportCsv.Columns), (await File.ReadAllLinesAsync(csvPath))[0].TrimStart('\uFEFF'));

        if (await analyst.Locator("#publish-report").CountAsync() > 0)
        {
            await analyst.Locator("#publish-report").ClickAsync();
            Assert.Contains("Published", await analyst.Locator("#report-status").InnerTextAsync(), StringComparison.Ordinal);
        }
        var owner = await fixture.SignedInPageAsync("owner@northwind-shop.example", DemoSeeder.DemoPassword);
        await owner.GotoAsync($"/ValueReports/Details/{id}");
        if (await owner.Locator("#acknowledge-report").CountAsync() > 0)
        {
            Assert.Contains("waiting for your acknowledgement", await owner.Locator("#value-reports-waiting").InnerTextAsync(), StringComparison.Ordinal);
            await owner.Locator("#acknowledge-report").ClickAsync();
        }
        Assert.Contains("Acknowledged", await owner.Locator("#report-status").InnerTextAsync(), StringComparison.Ordinal);
        await owner.GotoAsync("/ValueReports");
        await owner.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "value-reports.png"), FullPage = true });
    }

    // The month just ended at northwind-shop: the demo built it already when the demo covers it; built here otherwise.
    private async Task<long> NorthwindReportOfLastMonthAsync()
    {
        await using var scope = fixture.Portal.PlatformScope(out var db);
        var tenant = await db.Tenants.Where(t => t.Slug == "northwind-shop").Select(t => new { t.Id, t.TimeZone }).SingleAsync();
        var month = ReportCalendar.LastEndedMonth(TimeProvider.System.GetUtcNow(), ReportCalendar.Zone(tenant.TimeZone));
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildValueReport(tenant.Id, month));
        return result.ReportId!.Value;
    }
}
