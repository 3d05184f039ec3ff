using System.Globalization;
using System.Net;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;
using MsspPortal.Web.Features.Value;
using MsspPortal.Web.Features.Value.Reports;

namespace MsspPortal.IntegrationTests.Features.Value;

/// <summary>
/// The monthly value report: built as a draft from the value model, rebuilt idempotently, frozen once published,
/// acknowledged or disputed by the business owner, downloaded as PDF and CSV, and never shown across tenants.
/// </summary>
public sealed class ValueReportsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    // The last month that has ended (UTC tenants), so a build is allowed whatever day the tests run.
    private static readonly DateOnly Month = ReportCalendar.LastEndedMonth(TimeProvider.System.GetUtcNow(), TimeZoneInfo.Utc);

    [Fact]
    public async Task Rebuilding_a_draft_from_the_same_records_gives_the_same_snapshot_and_moves_only_BuiltAt()
    {
        var tenant = await TestTenant.CreateAsync(factory, "i");

        var first = await BuildAsync(tenant.Id, Month);
        var before = await ReportAsync(first.ReportId!.Value);
        var second = await BuildAsync(tenant.Id, Month);
        var after = await ReportAsync(first.ReportId!.Value);

        Assert.Equal(BuildOutcome.Created, first.Outcome);
        Assert.Equal(BuildOutcome.Unchanged, second.Outcome);
        Assert.Equal(first.ReportId, second.ReportId);
        Assert.Equal(before.Snapshot, after.Snapshot);
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Equal(ValueReport.Hash(after.Snapshot), after.ContentHash);
        Assert.True(after.BuiltAt >= before.BuiltAt);
        Assert.Equal(ValueReportStatus.Draft, after.Status);
        await using var scope = factory.PlatformScope(out var db);
        Assert.Equal(1, await db.ValueReports.CountAsync(r => r.TenantId == tenant.Id && r.Month == Month));
    }

    [Fact]
    public async Task A_draft_takes_the_records_as_they_are_now_but_a_published_report_never_changes()
    {
        var tenant = await TestTenant.CreateAsync(factory, "m");
        var built = await BuildAsync(tenant.Id, Month);
        await AddRevenueAsync(tenant.Id, Month, 100_000m);
        var rebuilt = await BuildAsync(tenant.Id, Month);
        var draft = await ReportAsync(built.ReportId!.Value);

        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var publish = await analyst.PostFormAsync($"/ValueReports/Details/{built.ReportId}", $"/ValueReports/Publish/{built.ReportId}", []);
        await AddRevenueAsync(tenant.Id, Month, 250_000m);
        var afterPublishing = await BuildAsync(tenant.Id, Month);
        var published = await ReportAsync(built.ReportId!.Value);
        var recomputed = await ComputeAsync(tenant.Id, Month);

        Assert.Equal(BuildOutcome.Replaced, rebuilt.Outcome);
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);
        Assert.Equal(BuildOutcome.AlreadyPublished, afterPublishing.Outcome);
        Assert.Equal(ValueReportStatus.Published, published.Status);
        Assert.Equal(draft.Snapshot, published.Snapshot);
        Assert.Equal(draft.ContentHash, published.ContentHash);
        Assert.Equal(draft.BuiltAt, published.BuiltAt);
        // The records did change: today's figures hold the new revenue, the published report the old one.
        Assert.Contains("250000", Serialize(recomputed), StringComparison.Ordinal);
        Assert.DoesNotContain("250000", published.Snapshot, StringComparison.Ordinal);
        Assert.Contains("100000", published.Snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_business_owner_is_told_a_report_waits_acknowledges_one_and_disputes_a_figure_of_another()
    {
        var tenant = await TestTenant.CreateAsync(factory, "o");
        var first = (await BuildAsync(tenant.Id, Month)).ReportId!.Value;
        var second = (await BuildAsync(tenant.Id, Month.AddMonths(-1))).ReportId!.Value;
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var draftSeenByOwner = await owner.GetAsync($"/ValueReports/Details/{first}");
        var listBefore = await owner.GetStringAsync("/ValueReports");
        await analyst.PostFormAsync($"/ValueReports/Details/{first}", $"/ValueReports/Publish/{first}", []);
        await analyst.PostFormAsync($"/ValueReports/Details/{second}", $"/ValueReports/Publish/{second}", []);
        var notice = await owner.GetStringAsync("/ValueReports");
        var acknowledge = await owner.PostFormAsync($"/ValueReports/Details/{first}", $"/ValueReports/Acknowledge/{first}", []);
        var dispute = await owner.PostFormAsync($"/ValueReports/Details/{second}", $"/ValueReports/Dispute/{second}",
            new() { ["FigureKey"] = ValueKeys.AttacksStopped, ["Comment"] = "Two of these were our own penetration test." });
        var page = await owner.GetStringAsync($"/ValueReports/Details/{second}");
        var noticeAfter = await owner.GetStringAsync("/ValueReports");
        // The analyst cannot acknowledge for the customer.
        var analystAcknowledges = await analyst.PostFormAsync($"/ValueReports/Details/{second}", $"/ValueReports/Acknowledge/{second}", []);

        Assert.Equal(HttpStatusCode.NotFound, draftSeenByOwner.StatusCode);
        Assert.DoesNotContain("value-reports-waiting", listBefore, StringComparison.Ordinal);
        Assert.Contains("2 value reports are waiting for your acknowledgement", notice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, acknowledge.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, dispute.StatusCode);
        Assert.Contains("Two of these were our own penetration test.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value-reports-waiting", noticeAfter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, analystAcknowledges.StatusCode);
        await using var scope = factory.PlatformScope(out var db);
        var reports = await db.ValueReports.Include(r => r.Disputes).Where(r => r.TenantId == tenant.Id && (r.Id == first || r.Id == second)).ToListAsync();
        var ownerId = await db.Users.Where(u => u.Email == tenant.UserEmails[PortalRole.BusinessOwner]).Select(u => u.Id).SingleAsync();
        Assert.Equal(ValueReportStatus.Acknowledged, reports.Single(r => r.Id == first).Status);
        Assert.Equal(ownerId, reports.Single(r => r.Id == first).AcknowledgedBy);
        var disputed = reports.Single(r => r.Id == second);
        Assert.Equal(ValueReportStatus.Disputed, disputed.Status);
        var row = Assert.Single(disputed.Disputes);
        Assert.Equal((ValueKeys.AttacksStopped, ownerId), (row.FigureKey, row.By));
        // The committee reads disputes per tenant.
        Assert.Equal(1, await db.ValueReportDisputes.CountAsync(d => d.TenantId == tenant.Id));
    }

    [Fact]
    public async Task A_business_owner_of_tenant_A_gets_404_for_tenant_B_report_its_PDF_and_CSV()
    {
        var a = await TestTenant.CreateAsync(factory, "ia");
        var b = await TestTenant.CreateAsync(factory, "ib");
        var reportOfB = (await BuildAsync(b.Id, Month)).ReportId!.Value;
        var analystOfB = await factory.SignInAsync(b.UserEmails[PortalRole.Analyst], TestTenant.Password);
        await analystOfB.PostFormAsync($"/ValueReports/Details/{reportOfB}", $"/ValueReports/Publish/{reportOfB}", []);
        var ownerOfA = await factory.SignInAsync(a.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);
        var ownerOfB = await factory.SignInAsync(b.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        foreach (var url in new[] { $"/ValueReports/Details/{reportOfB}", $"/ValueReports/Pdf/{reportOfB}", $"/ValueReports/Csv/{reportOfB}" })
        {
            var response = await ownerOfA.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ownerOfB.GetAsync(url)).StatusCode);
        }
        var list = await ownerOfA.GetStringAsync("/ValueReports");
        Assert.DoesNotContain(b.Marker, list, StringComparison.Ordinal);
        var acknowledge = await ownerOfA.PostFormAsync("/ValueReports", $"/ValueReports/Acknowledge/{reportOfB}", []);
        Assert.Equal(HttpStatusCode.NotFound, acknowledge.StatusCode);
    }

    [Fact]
    public async Task The_PDF_opens_and_shows_the_tenant_the_headlines_and_the_figures()
    {
        var tenant = await TestTenant.CreateAsync(factory, "p");
        var id = (await BuildAsync(tenant.Id, Month)).ReportId!.Value;
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await analyst.GetAsync($"/ValueReports/Pdf/{id}");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var (pages, text) = PdfText.Read(pdf);
        var report = await ReportAsync(id);
        var figures = ValueReportSnapshot.Read(report).Figures;

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"value-report-{tenant.Slug}-{Month:yyyy-MM}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(pages >= 2, $"{pages} pages");
        Assert.Contains($"Tenant {tenant.Marker}", text, StringComparison.Ordinal);
        Assert.Contains(Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.NotEmpty(figures.Headlines);
        foreach (var headline in figures.Headlines)
        {
            // Wrapped over lines: every word is there, in order.
            Assert.Contains(string.Join(' ', headline.Split(' ').Take(4)), Unwrapped(text), StringComparison.Ordinal);
        }
        var attacks = figures.Find(ValueKeys.AttacksStopped)!;
        Assert.Contains(attacks.Label, text, StringComparison.Ordinal);
        Assert.Contains("Method", text, StringComparison.Ordinal);
        Assert.Contains(report.ContentHash, Unwrapped(text), StringComparison.Ordinal);
        Assert.Contains("MSSP default", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_CSV_holds_every_figure_of_the_snapshot_and_reads_back_exactly()
    {
        var tenant = await TestTenant.CreateAsync(factory, "c");
        await AddRevenueAsync(tenant.Id, Month, 1_234_567.89m);
        var id = (await BuildAsync(tenant.Id, Month)).ReportId!.Value;
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);

        var response = await analyst.GetAsync($"/ValueReports/Csv/{id}");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = ParseCsv(csv);
        var figures = ValueReportSnapshot.Read(await ReportAsync(id)).Figures.Figures;

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ValueReportCsv.Columns, rows[0]);
        Assert.Equal(figures.Count, rows.Count - 1);
        foreach (var (figure, row) in figures.Zip(rows.Skip(1)))
        {
            Assert.Equal(figure.Key, row[0]);
            Assert.Equal(figure.Family.ToString(), row[1]);
            Assert.Equal(figure.Label, row[2].TrimStart('\''));
            Assert.Equal(figure.Unit.ToString(), row[3]);
            Assert.Equal(figure.Value, Number(row[4]));
            Assert.Equal(figure.Low, Number(row[5]));
            Assert.Equal(figure.High, Number(row[6]));
            Assert.Equal(figure.Baseline, Number(row[7]));
            Assert.Equal(figure.Formula, row[8].StartsWith('\'') && !figure.Formula.StartsWith('\'') ? row[8][1..] : row[8]);
            Assert.Equal(figure.Link ?? "", row[9]);
        }
        Assert.Contains(rows, r => r[4] == "1234567.89");
    }

    private static decimal? Number(string cell) => cell.Length == 0 ? null : decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string Unwrapped(string text) => text.Replace('\n', ' ');

    private static string Serialize(ValueFigures figures) => ValueReportSnapshot.Of(figures, []).ToJson();

    // RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.
    private static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        return rows;
    }

    private async Task<BuildValueReportResult> BuildAsync(Guid tenantId, DateOnly month)
    {
        await using var scope = factory.PlatformScope(out _);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new BuildValueReport(tenantId, month));
    }

    private async Task<ValueFigures> ComputeAsync(Guid tenantId, DateOnly month)
    {
        await using var scope = factory.PlatformScope(out _);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ComputeMonthlyValue(tenantId, month.Year, month.Month));
    }

    private async Task<ValueReport> ReportAsync(long id)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.ValueReports.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task AddRevenueAsync(Guid tenantId, DateOnly month, decimal revenue)
    {
        await using var scope = factory.PlatformScope(out var db);
        var existing = await db.ReportedFigures.FirstOrDefaultAsync(f => f.TenantId == tenantId && f.Metric == ReportedMetric.Revenue && f.Month == month);
        if (existing is null)
        {
            db.ReportedFigures.Add(ReportedFigure.Report(tenantId, ReportedMetric.Revenue, month, revenue, "test", TimeProvider.System.GetUtcNow(), ReportedFigureChannel.Portal));
        }
        else
        {
            existing.Restate(revenue, "test", TimeProvider.System.GetUtcNow(), ReportedFigureChannel.Portal, null);
        }
        await db.SaveChangesAsync();
    }
}
