using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MsspPortal.IntegrationTests.Infrastructure;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Billing;
using MsspPortal.Web.Infrastructure.Tenancy;

namespace MsspPortal.IntegrationTests.Features;

// The invoice preview on seeded records whose every line is summed by hand in the comments: a quarterly contract of
// 300,000 base fee, 5% of revenue growth above 10%, SLA credits for Critical (target 90%, 10%) and High (75%, 5%),
// credits capped at 40,000.
public sealed class BillingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static readonly DateTimeOffset Now = BillingSeed.Now;

    [Fact]
    public async Task Invoice_lines_match_the_hand_sums_with_reported_revenue_and_credits_from_the_quarter_before()
    {
        var tenant = await SeedAsync("bl", RevenueShareReading.Marginal, reportLastYear: true);

        var invoice = await PreviewAsync(tenant, "2026-Q4");

        Assert.Equal(("2026-Q4", 300_000m), (invoice.Period, invoice.BaseFee));
        var share = Assert.IsType<InvoicePreview.RevenueShareLine>(invoice.RevenueShare);
        // R0 = 30M + 30M + 40M reported for 2025-Q4; R1 = 35M + 40M + 40M; 5% × (115M − 1.1 × 100M) = 250,000.
        Assert.Equal((100_000_000m, RevenueBasis.Reported, 115_000_000m, 250_000m), (share.R0, share.R0Basis, share.R1, share.Share.Amount));
        var credits = Assert.IsType<InvoicePreview.CreditsLine>(invoice.Credits);
        Assert.Equal("2026-Q3", credits.FromPeriod);
        // Critical in Q3: c1 both deadlines met, c2 both missed, c3 both met (detected 23:00 on 30 September) -> 4 of 6
        // = 66.67% < 90%: 10% of 300,000 = 30,000. c4 was detected in October and counts for Q4.
        var critical = credits.Rows.Single(r => r.Severity == AlertSeverity.Critical);
        Assert.Equal((6, 4, 66.67m, 30_000m), (critical.Decided, critical.Met, critical.AttainmentPercent!.Value, critical.Amount));
        // High in Q3: h1 both met, h2 open past both deadlines -> 2 of 4 = 50% < 75%: 5% of 300,000 = 15,000.
        var high = credits.Rows.Single(r => r.Severity == AlertSeverity.High);
        Assert.Equal((4, 2, 50m, 15_000m), (high.Decided, high.Met, high.AttainmentPercent!.Value, high.Amount));
        Assert.Equal($"/Alerts?status=all&severity=high&tenant={tenant.Slug}&from=2026-07-01&to=2026-09-30&sort=sla", high.QueueLink);
        // 45,000 earned, capped at 40,000; total 300,000 + 250,000 − 40,000.
        Assert.Equal((45_000m, 40_000m, true), (credits.Uncapped, credits.Total, credits.Capped));
        Assert.Equal(510_000m, invoice.Total);
    }

    [Fact]
    public async Task Without_last_years_reports_R0_is_the_baseline_and_the_cliff_reading_shares_all_growth()
    {
        var tenant = await SeedAsync("bb", RevenueShareReading.Cliff, reportLastYear: false);

        var invoice = await PreviewAsync(tenant, "2026-Q4");

        var share = Assert.IsType<InvoicePreview.RevenueShareLine>(invoice.RevenueShare);
        // Baseline annual revenue 400M × 3/12 = 100M; R1 115M > 110M: 5% × 15M = 750,000 (cap 1,000,000 not reached).
        Assert.Equal((100_000_000m, RevenueBasis.Baseline, 750_000m, false), (share.R0, share.R0Basis, share.Share.Amount, share.Share.Capped));
        Assert.Contains("400,000,000.00", share.R0Source, StringComparison.Ordinal);
        Assert.Equal(300_000m + 750_000m - 40_000m, invoice.Total);
    }

    [Fact]
    public async Task A_month_without_reported_revenue_leaves_no_revenue_share_and_says_why()
    {
        var tenant = await SeedAsync("bm", RevenueShareReading.Marginal, reportLastYear: true, reportDecember: false);

        var invoice = await PreviewAsync(tenant, "2026-Q4");

        Assert.Null(invoice.RevenueShare);
        Assert.Contains("2026-12", invoice.RevenueShareMissing, StringComparison.Ordinal);
        Assert.Equal(300_000m - 40_000m, invoice.Total);
    }

    [Fact]
    public async Task A_period_of_another_kind_is_shown_as_the_contracts_period_that_contains_it()
    {
        var tenant = await SeedAsync("bk", RevenueShareReading.Marginal, reportLastYear: true);

        var invoice = await PreviewAsync(tenant, "2026-11");

        Assert.Equal("2026-Q4", invoice.Period);
        Assert.Contains(invoice.Notes, n => n.Contains("quarterly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_and_the_csv_show_each_line_with_its_sources_to_the_business_owner()
    {
        var tenant = await SeedAsync("bc", RevenueShareReading.Marginal, reportLastYear: true);
        var owner = await factory.SignInAsync(tenant.UserEmails[PortalRole.BusinessOwner], TestTenant.Password);

        var html = await owner.GetStringAsync($"/Value/Billing?tenant={tenant.Slug}&period=2026-Q4");
        var csv = await owner.GetAsync($"/Value/Billing/Csv?tenant={tenant.Slug}&period=2026-Q4");
        var text = await csv.Content.ReadAsStringAsync();

        Assert.Contains("510,000.00 EUR", html, StringComparison.Ordinal);
        Assert.Contains("250,000.00 EUR", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Alerts?status=all&amp;severity=critical&amp;tenant={tenant.Slug}&amp;from=2026-07-01&amp;to=2026-09-30&amp;sort=sla\"", html, StringComparison.Ordinal);
        Assert.Contains("66.67 %", html, StringComparison.Ordinal);
        // The business owner reads; editing the terms is the MSSP's.
        Assert.DoesNotContain("/Value/Billing/Terms/", html, StringComparison.Ordinal);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,label,effect,amount,currency,basis,source", lines[0]);
        Assert.StartsWith("base-fee,Base fee 2026-Q4,add,300000.00,EUR,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("revenue-share,5% of revenue growth above 10% (marginal),add,250000.00,EUR,", lines[2], StringComparison.Ordinal);
        Assert.Contains("R0=100000000.00 (reported); R1=115000000.00; threshold revenue=110000000.00", lines[2], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("sla-credit.critical,SLA credit Critical (2026-Q3),earned,30000.00,EUR,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sla-credits,SLA credits from 2026-Q3,deduct,40000.00,EUR,", StringComparison.Ordinal));
        Assert.StartsWith("total,Total 2026-Q4,total,510000.00,EUR,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_edit_the_billing_terms_and_a_rejected_form_keeps_its_input()
    {
        var tenant = await SeedAsync("be", RevenueShareReading.Marginal, reportLastYear: true);
        var contractId = (long)tenant.RowIds[typeof(ServiceContract)];
        var analyst = await factory.SignInAsync(tenant.UserEmails[PortalRole.Analyst], TestTenant.Password);
        var page = $"/Value/Billing/Terms/{contractId}";
        Dictionary<string, string> Form(string baseFee, string percent, string currency) => new()
        {
            ["BillingPeriod"] = "Yearly", ["Currency"] = currency, ["BaseFee"] = baseFee, ["RevenueSharePercent"] = percent,
            ["RevenueShareThresholdPercent"] = "12", ["RevenueShareReading"] = "Cliff", ["RevenueShareCap"] = "", ["SlaCreditCap"] = "55000",
            ["Credits[0].Severity"] = "Critical", ["Credits[0].TargetAttainmentPercent"] = "99", ["Credits[0].CreditPercent"] = "12",
        };

        var rejected = await analyst.PostFormAsync(page, page, Form("-5", "7.5", "EURO"));
        var rejectedHtml = await rejected.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Contains("The base fee is not negative.", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("three-letter ISO 4217", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"-5\"", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"7.5\"", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"EURO\"", rejectedHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"99\"", rejectedHtml, StringComparison.Ordinal);
        Assert.Equal((BillingPeriod.Quarterly, 300_000m), await TermsAsync(contractId));

        var saved = await analyst.PostFormAsync(page, page, Form("1000000", "5", "usd"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((BillingPeriod.Yearly, 1_000_000m), await TermsAsync(contractId));
        await using var scope = factory.PlatformScope(out var db);
        var contract = await db.ServiceContracts.Include(c => c.SlaTargets).SingleAsync(c => c.Id == contractId);
        Assert.Equal(("USD", 5m, 12m, RevenueShareReading.Cliff, (decimal?)null, (decimal?)55_000m),
            (contract.Currency, contract.RevenueSharePercent, contract.RevenueShareThresholdPercent, contract.RevenueShareReading, contract.RevenueShareCap, contract.SlaCreditCap));
        Assert.Equal((99m, 12m), contract.SlaTargets.Where(t => t.Severity == AlertSeverity.Critical).Select(t => (t.TargetAttainmentPercent!.Value, t.CreditPercent)).Single());
    }

    private async Task<InvoicePreview> PreviewAsync(TestTenant tenant, string period)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Use(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var invoice = await new PreviewInvoiceHandler(db, new FakeTimeProvider(Now)).Handle(new PreviewInvoice(tenant.Id, period), CancellationToken.None);
        return Assert.IsType<InvoicePreview>(invoice);
    }

    private async Task<(BillingPeriod, decimal)> TermsAsync(long contractId)
    {
        await using var scope = factory.PlatformScope(out var db);
        return await db.ServiceContracts.Where(c => c.Id == contractId).Select(c => new ValueTuple<BillingPeriod, decimal>(c.BillingPeriod, c.BaseFee)).SingleAsync();
    }

    private Task<TestTenant> SeedAsync(string marker, RevenueShareReading reading, bool reportLastYear, bool reportDecember = true) =>
        BillingSeed.SeedAsync(factory, marker, reading, reportLastYear, reportDecember);
}
