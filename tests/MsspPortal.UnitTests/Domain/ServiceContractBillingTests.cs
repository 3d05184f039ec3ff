using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Billing;

namespace MsspPortal.UnitTests.Domain;

public sealed class ServiceContractBillingTests
{
    private static ServiceContract Contract(RevenueShareReading reading, decimal? cap = null)
    {
        var contract = ServiceContract.Sign(Guid.NewGuid(), ServiceTier.FullStewardship, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1),
            BillingPeriod.Yearly, 1_000_000m);
        contract.ShareRevenueGrowth(5, 10, reading, cap);
        return contract;
    }

    [Theory]
    // The pricing example: R0 100M, R1 115M, 5% of the growth above 10%.
    [InlineData(RevenueShareReading.Marginal, "115000000", "250000")]
    [InlineData(RevenueShareReading.Cliff, "115000000", "750000")]
    // Exactly at the threshold nothing is owed in either reading.
    [InlineData(RevenueShareReading.Marginal, "110000000", "0")]
    [InlineData(RevenueShareReading.Cliff, "110000000", "0")]
    // One currency unit past it: the marginal reading owes 5% of 1 = 0.05, the cliff reading jumps to 5% of all the
    // growth (10,000,001 × 5% = 500,000.05). That jump is why a contract must say which reading it uses.
    [InlineData(RevenueShareReading.Marginal, "110000001", "0.05")]
    [InlineData(RevenueShareReading.Cliff, "110000001", "500000.05")]
    // Below last year: nothing, never a negative share.
    [InlineData(RevenueShareReading.Marginal, "90000000", "0")]
    [InlineData(RevenueShareReading.Cliff, "90000000", "0")]
    public void Golden_revenue_share(RevenueShareReading reading, string r1, string expected)
    {
        var share = Contract(reading).ShareOf(100_000_000m, decimal.Parse(r1, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), share.Amount);
        Assert.Equal(110_000_000m, share.ThresholdRevenue);
        Assert.False(share.Capped);
    }

    [Fact]
    public void The_cap_bounds_the_share_per_period_and_says_so()
    {
        var share = Contract(RevenueShareReading.Cliff, cap: 600_000m).ShareOf(100_000_000m, 115_000_000m);

        Assert.Equal((750_000m, 600_000m, true), (share.Uncapped, share.Amount, share.Capped));
    }

    [Fact]
    public void Guard_clauses_reject_terms_that_make_no_sense()
    {
        var contract = Contract(RevenueShareReading.Marginal);

        Assert.Throws<ArgumentOutOfRangeException>(() => contract.ShareRevenueGrowth(-1, 10, RevenueShareReading.Marginal, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.ShareRevenueGrowth(5, -1, RevenueShareReading.Marginal, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.ShareRevenueGrowth(5, 10, (RevenueShareReading)7, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.ShareRevenueGrowth(5, 10, RevenueShareReading.Cliff, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.Bill(BillingPeriod.Monthly, -1, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.Bill((BillingPeriod)9, 1, null));
        Assert.Throws<ArgumentException>(() => contract.Bill(BillingPeriod.Monthly, 1, "EURO"));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.CapSlaCredits(-5));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.ShareOf(-1, 10));
        // No promise for High yet: nothing to credit.
        Assert.Throws<InvalidOperationException>(() => contract.CreditWhenMissed(AlertSeverity.High, 90, 5));
        contract.Promise(AlertSeverity.High, 30, 480);
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.CreditWhenMissed(AlertSeverity.High, 101, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => contract.CreditWhenMissed(AlertSeverity.High, 90, -5));
    }

    [Fact]
    public void Currency_defaults_to_the_tenants_and_is_stored_upper_case()
    {
        var contract = Contract(RevenueShareReading.Marginal);
        Assert.Null(contract.Currency);

        contract.Bill(BillingPeriod.Quarterly, 250_000m, " cny ");

        Assert.Equal((BillingPeriod.Quarterly, 250_000m, "CNY"), (contract.BillingPeriod, contract.BaseFee, contract.Currency));
    }

    [Fact]
    public void Sla_credits_apply_below_target_only_and_are_capped()
    {
        var contract = Contract(RevenueShareReading.Marginal);
        contract.Promise(AlertSeverity.Critical, 15, 240);
        contract.Promise(AlertSeverity.High, 30, 480);
        contract.Promise(AlertSeverity.Medium, 120, 1440);
        contract.Promise(AlertSeverity.Low, 480, 4320);
        contract.CreditWhenMissed(AlertSeverity.Critical, 95, 10);
        contract.CreditWhenMissed(AlertSeverity.High, 90, 5);
        contract.CreditWhenMissed(AlertSeverity.Medium, 85, 2);

        // Critical 90% < 95%: 10% of 1,000,000; High exactly 90%: not below; Medium has nothing decided; Low no target.
        var credits = contract.CreditsFor(new Dictionary<AlertSeverity, decimal?>
        {
            [AlertSeverity.Critical] = 90, [AlertSeverity.High] = 90, [AlertSeverity.Medium] = null, [AlertSeverity.Low] = 10,
        });

        Assert.Equal([100_000m, 0m, 0m, 0m], credits.Lines.Select(l => l.Amount));
        Assert.Equal((100_000m, false), (credits.Total, credits.Capped));

        contract.CapSlaCredits(60_000m);
        var capped = contract.CreditsFor(new Dictionary<AlertSeverity, decimal?> { [AlertSeverity.Critical] = 50, [AlertSeverity.High] = 50 });
        Assert.Equal((150_000m, 60_000m, true), (capped.Uncapped, capped.Total, capped.Capped));
    }

    [Theory]
    [InlineData("2026-10", BillingPeriod.Monthly, 2026, 10, "2026-09")]
    [InlineData("2026-Q3", BillingPeriod.Quarterly, 2026, 7, "2026-Q2")]
    [InlineData("2026-q1", BillingPeriod.Quarterly, 2026, 1, "2025-Q4")]
    [InlineData("2026", BillingPeriod.Yearly, 2026, 1, "2025")]
    public void Periods_read_as_the_url_names_them(string text, BillingPeriod kind, int year, int firstMonth, string previous)
    {
        var period = InvoicePeriod.Parse(text);

        Assert.Equal(new InvoicePeriod(kind, year, firstMonth), period);
        Assert.Equal(previous, period!.Previous.Label);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("Q3")]
    [InlineData("=1+1")]
    public void Unreadable_periods_are_null(string text) => Assert.Null(InvoicePeriod.Parse(text));

    [Fact]
    public void A_month_ends_at_midnight_in_the_tenants_zone()
    {
        var (from, to) = new InvoicePeriod(BillingPeriod.Monthly, 2026, 10).Instants(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

        Assert.Equal(new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), to);
    }
}
