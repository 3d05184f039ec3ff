using System.Net;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.Cli;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Reports;

namespace MsspPortal.IntegrationTests.Cli;

/// <summary>A portal whose data folder outlives it, so the CLI can open the same database afterwards.</summary>
public sealed class KeptDataPortalFactory : PortalFactory
{
    protected override bool KeepDataDirectory => true;
}

/// <summary>`mssp report`: the published snapshot when there is one, else a draft built now, from the portal's database.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateOnly LastMonth = ReportCalendar.LastEndedMonth(TimeProvider.System.GetUtcNow(), TimeZoneInfo.Utc);
    private readonly string _out = Path.Combine(Path.GetTempPath(), "mssp-report-tests", Guid.NewGuid().ToString("N"));
    private string? _data;

    [Fact]
    public async Task Report_writes_the_published_snapshot_unchanged_and_a_draft_for_a_month_not_published()
    {
        var published = LastMonth.AddMonths(-1);
        string slug, hash;
        await using (var factory = new KeptDataPortalFactory())
        {
            _data = factory.DataDirectory;
            var tenant = await TestTenant.CreateAsync(factory, "cli");
            slug = tenant.Slug;
            long id;
            await using (var scope = factory.PlatformScope(out _))
            {
                id = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildValueReport(tenant.Id, published))).ReportId!.Value;
            }
            var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
            Assert.Equal(HttpStatusCode.Redirect, (await analyst.PostFormAsync($"/ValueReports/Details/{id}", $"/ValueReports/Publish/{id}", [])).StatusCode);
            await using (var scope = factory.PlatformScope(out var db))
            {
                hash = await db.ValueReports.Where(r => r.Id == id).Select(r => r.ContentHash).SingleAsync();
                // The records change after publishing: the report must not.
                db.ReportedFigures.Add(ReportedFigure.Report(tenant.Id, ReportedMetric.Revenue, published, 777_000m, "test", TimeProvider.System.GetUtcNow(), ReportedFigureChannel.Portal));
                await db.SaveChangesAsync();
            }
        }
        Directory.CreateDirectory(_out);
        var pdf = Path.Combine(_out, "published.pdf");
        var csv = Path.Combine(_out, "published.csv");

        var (exit, output, error) = await RunAsync("report", "--tenant", slug, "--month", published.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), "--out", pdf, "--csv", csv, "--data", _data!);
        var (draftExit, draftOutput, _) = await RunAsync("report", "--tenant", slug, "--month", LastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(_out, "draft.pdf"), "--data", _data!);
        var (futureExit, _, futureError) = await RunAsync("report", "--tenant", slug, "--month", LastMonth.AddMonths(2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(_out, "future.pdf"), "--data", _data!);
        var (unknownExit, _, _) = await RunAsync("report", "--tenant", "no-such-tenant", "--month", LastMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(_out, "x.pdf"), "--data", _data!);

        Assert.True(exit == 0, error);
        Assert.Contains("published report", output, StringComparison.Ordinal);
        Assert.Contains(hash, output, StringComparison.Ordinal);
        var (pages, text) = PdfText.Read(await File.ReadAllBytesAsync(pdf));
        Assert.True(pages >= 2);
        Assert.Contains($"Tenant {slug}", text, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.Equal(string.Join(',', ValueReportCsv.Columns), lines[0].TrimStart('\uFEFF'));
        Assert.DoesNotContain(lines, l => l.Contains("777000", StringComparison.Ordinal));
        Assert.Equal(0, draftExit);
        Assert.Contains("draft report", draftOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "draft.pdf")));
        Assert.Equal(1, futureExit);
        Assert.Contains("has not ended", futureError, StringComparison.Ordinal);
        Assert.Equal(1, unknownExit);
    }

    [Fact]
    public async Task Report_without_an_output_or_with_a_bad_month_is_a_usage_error()
    {
        var (noOut, _, _) = await RunAsync("report", "--tenant", "x", "--month", "2026-10");
        var (badMonth, _, _) = await RunAsync("report", "--tenant", "x", "--month", "October", "--out", "x.pdf");

        Assert.Equal(MsspCli.UsageError, noOut);
        Assert.Equal(MsspCli.UsageError, badMonth);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MsspCli.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in new[] { _out, _data })
        {
            if (folder is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
