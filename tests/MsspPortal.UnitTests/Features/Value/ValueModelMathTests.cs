using MsspPortal.Core.Attack;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Value.Model;

namespace MsspPortal.UnitTests.Features.Value;

// The value model's arithmetic with no host: the generator against published vectors, the samplers against their
// analytic moments, the simulation's reproducibility, and the small rules (stages, month windows, money text).
public sealed class ValueModelMathTests
{
    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_outputs_from_state_1_2_3_4()
    {
        // Published with the reference implementation (rand_xoshiro's "reference" test, xoshiro256starstar.rs).
        ulong[] expected =
        [
            11520, 0, 1509978240, 1215971899390074240, 1216172134540287360,
            607988272756665600, 16172922978634559625, 8476171486693032832,
            10595114339597558777, 2904607092377533576,
        ];
        var random = new Xoshiro256StarStar(1, 2, 3, 4);

        Assert.Equal(expected, expected.Select(_ => random.NextUInt64()).ToArray());
    }

    [Fact]
    public void SplitMix64_matches_its_reference_outputs_and_seeds_the_generator()
    {
        var state = 0UL;
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL],
            Enumerable.Range(0, 4).Select(_ => Xoshiro256StarStar.SplitMix64(ref state)).ToArray());
        state = 1234567;
        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => Xoshiro256StarStar.SplitMix64(ref state)).ToArray());

        // A 64-bit seed is the state made of SplitMix64's first four outputs from it.
        var seeded = new Xoshiro256StarStar(0);
        var explicitState = new Xoshiro256StarStar(0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL, 0xF88BB8A8724C81ECUL);
        Assert.Equal(Enumerable.Range(0, 8).Select(_ => explicitState.NextUInt64()), Enumerable.Range(0, 8).Select(_ => seeded.NextUInt64()));
    }

    [Fact]
    public void The_seed_is_the_first_eight_bytes_of_sha256_of_tenant_month_and_version()
    {
        var tenant = Guid.Parse("6f1c2d3e-4b5a-6978-8695-a4b3c2d1e0f9");

        // python3: struct.unpack('<Q', hashlib.sha256(b'6f1c2d3e-4b5a-6978-8695-a4b3c2d1e0f9|2026-11|0').digest()[:8])
        Assert.Equal(8762169069046416582UL, Xoshiro256StarStar.SeedFor(tenant, 2026, 11, 0));
        Assert.Equal(213915819606936073UL, Xoshiro256StarStar.SeedFor(tenant, 2026, 11, 1));
        Assert.NotEqual(Xoshiro256StarStar.SeedFor(tenant, 2026, 11, 0), Xoshiro256StarStar.SeedFor(tenant, 2026, 10, 0));
    }

    [Fact]
    public void Uniform_draws_stay_in_range_and_average_a_half()
    {
        var random = new Xoshiro256StarStar(42);
        var draws = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToList();

        Assert.All(draws, d => Assert.InRange(d, 0, 0.9999999999999999));
        Assert.InRange(draws.Average(), 0.495, 0.505);
    }

    [Theory]
    [InlineData(0.01, 0.03, 0.10)]
    [InlineData(0.5, 4, 24)]
    [InlineData(2_000, 15_000, 100_000)]
    [InlineData(10, 10, 50)]
    [InlineData(0, 90, 100)]
    public void Pert_draws_average_the_analytic_mean_within_two_percent_and_stay_in_range(double min, double mode, double max)
    {
        var sampler = new Sampler(7);
        var draws = Enumerable.Range(0, 10_000).Select(_ => sampler.Pert(min, mode, max)).ToList();
        var mean = (min + 4 * mode + max) / 6;

        Assert.All(draws, d => Assert.InRange(d, min, max));
        Assert.InRange(draws.Average(), mean * 0.98, mean * 1.02);
        Assert.Equal(mean, Sampler.PertMean(min, mode, max), 9);
    }

    [Fact]
    public void A_pert_range_of_one_value_is_that_value()
    {
        Assert.Equal(5.0, new Sampler(1).Pert(5, 5, 5));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1)]
    [InlineData(2.5)]
    [InlineData(9)]
    public void Gamma_draws_average_their_shape(double shape)
    {
        var sampler = new Sampler(11);
        var mean = Enumerable.Range(0, 20_000).Select(_ => sampler.Gamma(shape)).Average();

        Assert.InRange(mean, shape * 0.97, shape * 1.03);
    }

    [Fact]
    public void Lognormal_from_a_90_percent_interval_puts_five_percent_below_min_and_five_above_max()
    {
        var sampler = new Sampler(3);
        var draws = Enumerable.Range(0, 20_000).Select(_ => sampler.Lognormal90(10_000, 1_000_000)).ToList();

        Assert.InRange(draws.Count(d => d < 10_000) / 20_000.0, 0.04, 0.06);
        Assert.InRange(draws.Count(d => d > 1_000_000) / 20_000.0, 0.04, 0.06);
        // Median = geometric mean of the bounds: √(10⁴ · 10⁶) = 10⁵.
        Assert.InRange(draws.Order().ElementAt(10_000), 90_000, 110_000);
    }

    [Theory]
    [InlineData(10, 0.3)]
    [InlineData(50, 0.9)]
    [InlineData(51, 0.02)]
    [InlineData(400, 0.25)]
    // qⁿ below a double's range: the waiting-time method.
    [InlineData(3_000, 0.65)]
    [InlineData(20_000, 0.5)]
    public void Binomial_draws_have_the_mean_n_p_and_variance_n_p_q_and_stay_in_range(int n, double p)
    {
        var sampler = new Sampler(17);
        var draws = Enumerable.Range(0, 20_000).Select(_ => sampler.Binomial(n, p)).ToList();
        var (mean, variance) = (n * p, n * p * (1 - p));
        var average = draws.Average();
        var spread = draws.Sum(k => (k - average) * (k - average)) / (draws.Count - 1);

        Assert.All(draws, k => Assert.InRange(k, 0, n));
        // The standard error of the average is √(npq / 20,000); 5 of them is far beyond chance.
        Assert.InRange(average, mean - 5 * Math.Sqrt(variance / 20_000), mean + 5 * Math.Sqrt(variance / 20_000));
        Assert.InRange(spread, variance * 0.95, variance * 1.05);
    }

    [Fact]
    public void Binomial_of_a_small_n_matches_the_probabilities_by_hand()
    {
        // n = 60, p = 0.01 (inversion): P(0) = 0.99^60 = 0.5472,
        // P(1) = 60 · 0.01 · 0.99^59 = 0.3316; and n = 2, p = 0.5 (trials): 1/4, 1/2, 1/4.
        var sampler = new Sampler(23);
        var large = Enumerable.Range(0, 40_000).Select(_ => sampler.Binomial(60, 0.01)).ToList();
        var small = Enumerable.Range(0, 40_000).Select(_ => sampler.Binomial(2, 0.5)).ToList();

        Assert.InRange(large.Count(k => k == 0) / 40_000.0, 0.5472 - 0.01, 0.5472 + 0.01);
        Assert.InRange(large.Count(k => k == 1) / 40_000.0, 0.3316 - 0.01, 0.3316 + 0.01);
        Assert.InRange(small.Count(k => k == 1) / 40_000.0, 0.49, 0.51);
        Assert.InRange(small.Count(k => k == 2) / 40_000.0, 0.24, 0.26);
        Assert.Equal((0, 70, 0), (sampler.Binomial(70, 0), sampler.Binomial(70, 1), sampler.Binomial(0, 0.5)));
    }

    [Fact]
    public void The_simulation_does_not_depend_on_the_order_of_the_attacks()
    {
        var attacks = Attacks(40);
        var reversed = Enumerable.Reverse(attacks).ToList();

        Assert.Equal(LossAvoidedSimulation.Run(attacks, Defaults("EUR"), 8), LossAvoidedSimulation.Run(reversed, Defaults("EUR"), 8));
    }

    [Theory]
    // 15 groups of 20: every sum drawn event by event.
    [InlineData(300, 3, 41)]
    // 5 groups of 160: most draws' groups have more than ExactSumUpTo loss events, so their sums are drawn at once.
    [InlineData(800, 1, 43)]
    public void The_grouped_simulation_gives_the_percentiles_of_a_coin_per_attack(int count, int costs, ulong seed)
    {
        // The model as first written: a coin per attack, magnitudes per loss event. Grouping (and drawing a large
        // group's sum at once) gives the same totals in distribution, so the percentiles agree within the noise of
        // 10,000 draws on each side.
        var attacks = Enumerable.Range(0, count).Select(i => new StoppedAttack((KillChainStage)(i % 5), 1_000m * (1 + (i / 5) % costs))).ToList();
        var inputs = Defaults("EUR");
        var sampler = new Sampler(seed);
        var totals = new double[LossAvoidedSimulation.Draws];
        for (var d = 0; d < totals.Length; d++)
        {
            var chance = Enum.GetValues<KillChainStage>().Select(s => Math.Clamp(LossAvoidedSimulation.Draw(sampler, inputs(ValueAssumptionDefaults.LossEventProbability(s))), 0, 1)).ToArray();
            var secondaryShare = Math.Clamp(LossAvoidedSimulation.Draw(sampler, inputs(ValueAssumptionDefaults.SecondaryLossProbability)), 0, 1);
            foreach (var attack in attacks.Where(a => sampler.Chance(chance[(int)a.Stage])))
            {
                totals[d] += LossAvoidedSimulation.Draw(sampler, inputs(ValueAssumptionDefaults.DowntimeHours)) * (double)attack.DowntimeCostPerHour
                    + LossAvoidedSimulation.Draw(sampler, inputs(ValueAssumptionDefaults.ResponseCost))
                    + (sampler.Chance(secondaryShare) ? LossAvoidedSimulation.Draw(sampler, inputs(ValueAssumptionDefaults.SecondaryLoss)) : 0);
            }
        }
        Array.Sort(totals);

        var estimate = LossAvoidedSimulation.Run(attacks, inputs, seed + 1);

        Assert.InRange(estimate.P10, LossAvoidedSimulation.Rank(totals, 0.10) * 0.96, LossAvoidedSimulation.Rank(totals, 0.10) * 1.04);
        Assert.InRange(estimate.P50, LossAvoidedSimulation.Rank(totals, 0.50) * 0.97, LossAvoidedSimulation.Rank(totals, 0.50) * 1.03);
        Assert.InRange(estimate.P90, LossAvoidedSimulation.Rank(totals, 0.90) * 0.97, LossAvoidedSimulation.Rank(totals, 0.90) * 1.03);
        Assert.InRange(estimate.Mean, totals.Average() * 0.98, totals.Average() * 1.02);
    }

    [Fact]
    public void The_simulation_mean_matches_the_analytic_mean_for_a_month_of_thousands_of_attacks()
    {
        // Thousands of attacks in a few groups: the waiting-time branch of the binomial carries the counts.
        var attacks = Enumerable.Range(0, 3_000).Select(i => new StoppedAttack((KillChainStage)(i % 5), i % 3 == 0 ? 2_500m : 40_000m)).ToList();
        var inputs = Defaults("EUR");

        var estimate = LossAvoidedSimulation.Run(attacks, inputs, 2027);
        var analytic = LossAvoidedSimulation.AnalyticMean(attacks, inputs);

        Assert.InRange(estimate.Mean, analytic * 0.98, analytic * 1.02);
    }

    [Fact]
    public void The_simulation_gives_identical_figures_for_the_same_inputs_and_seed()
    {
        var attacks = Attacks(12);
        var inputs = Defaults("EUR");

        var first = LossAvoidedSimulation.Run(attacks, inputs, 99);
        var second = LossAvoidedSimulation.Run(attacks, inputs, 99);
        var other = LossAvoidedSimulation.Run(attacks, inputs, 100);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.True(first.P10 <= first.P50 && first.P50 <= first.P90);
        Assert.Equal(10_000, first.Draws);
    }

    [Fact]
    public void The_simulation_mean_matches_the_analytic_mean_within_two_percent()
    {
        var attacks = Attacks(60);
        var inputs = Defaults("EUR");

        var estimate = LossAvoidedSimulation.Run(attacks, inputs, 2026);
        var analytic = LossAvoidedSimulation.AnalyticMean(attacks, inputs);

        Assert.InRange(estimate.Mean, analytic * 0.98, analytic * 1.02);
    }

    [Fact]
    public void The_analytic_mean_of_one_attack_is_the_product_of_the_input_means_by_hand()
    {
        // One delivery-stage attack on a service that loses 10,000 an hour, EUR defaults:
        // p = (0.03 + 4·0.10 + 0.25)/6 = 0.68/6; hours = (0.5 + 16 + 24)/6 = 40.5/6; response = (2,000 + 60,000 + 100,000)/6 = 27,000;
        // p2 = (0.02 + 0.40 + 0.30)/6 = 0.12; secondary = exp(μ + σ²/2) with μ = ln(10⁵), σ = ln(100)/(2·1.6448536269514722).
        var sigma = Math.Log(100) / (2 * 1.6448536269514722);
        var secondary = Math.Exp(Math.Log(100_000) + sigma * sigma / 2);
        var expected = 0.68 / 6 * (40.5 / 6 * 10_000 + 27_000 + 0.12 * secondary);

        var analytic = LossAvoidedSimulation.AnalyticMean([new StoppedAttack(KillChainStage.Delivery, 10_000)], Defaults("EUR"));

        Assert.Equal(expected, analytic, 6);
    }

    [Fact]
    public void No_attack_stopped_estimates_zero()
    {
        var estimate = LossAvoidedSimulation.Run([], Defaults("EUR"), 5);

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (estimate.P10, estimate.P50, estimate.P90, estimate.Mean));
    }

    [Fact]
    public void Percentiles_are_stable_for_a_seed()
    {
        // Pinned from this implementation: a change to the generator, a sampler or the order of draws moves them, and
        // every published report computed with them would no longer recompute to its figures.
        var estimate = LossAvoidedSimulation.Run(Attacks(5), Defaults("EUR"), 20261101);

        Assert.Equal((PinnedP10, PinnedP50, PinnedP90), (Math.Round(estimate.P10, 2), Math.Round(estimate.P50, 2), Math.Round(estimate.P90, 2)));
    }

    [Theory]
    [InlineData("T1190", KillChainStage.Delivery)]
    [InlineData("T1110.003", KillChainStage.Exploitation)]
    [InlineData("T1046", KillChainStage.Exploitation)]
    [InlineData("T1071", KillChainStage.Lateral)]
    [InlineData("T1190, T1498", KillChainStage.Impact)]
    [InlineData("T1078", KillChainStage.Exploitation)]
    public void An_alert_s_stage_is_the_furthest_among_its_techniques_tactics(string techniques, KillChainStage stage)
    {
        Assert.Equal(stage, KillChain.Furthest(techniques, AttackCatalog.BuiltIn));
    }

    [Fact]
    public void An_alert_without_a_known_technique_has_no_stage()
    {
        Assert.Null(KillChain.Furthest("", AttackCatalog.BuiltIn));
        Assert.Null(KillChain.Furthest("T9999", AttackCatalog.BuiltIn));
    }

    [Fact]
    public void Every_tactic_of_the_enterprise_matrix_falls_in_a_stage()
    {
        Assert.All(AttackCatalog.EnterpriseTactics, t => Assert.NotNull(KillChain.OfTactic(t.Id)));
    }

    [Fact]
    public void November_in_Shanghai_starts_at_16_00_utc_on_the_last_of_october()
    {
        var shanghai = MonthWindow.Of(2026, 11, "Asia/Shanghai");
        var utc = MonthWindow.Of(2026, 11, "UTC");

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero), shanghai.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero), shanghai.To);
        Assert.True(shanghai.Contains(new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero)));
        Assert.False(utc.Contains(new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), utc.To);
    }

    [Fact]
    public void A_month_across_a_clock_change_keeps_local_midnights()
    {
        // Berlin moves to summer time on 29 March 2026: March starts at UTC+1, April at UTC+2.
        var march = MonthWindow.Of(2026, 3, "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), march.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), march.To);
    }

    [Theory]
    [InlineData(384_512, "CNY", "¥380k")]
    [InlineData(715_000, "JPY", "¥720k")]
    [InlineData(1_234_567, "EUR", "€1.2M")]
    [InlineData(949, "USD", "$950")]
    [InlineData(0, "GBP", "£0")]
    [InlineData(2_500_000_000, "EUR", "€2.5bn")]
    public void Money_reads_with_two_significant_figures_and_the_currency_symbol(double amount, string currency, string text)
    {
        Assert.Equal(text, ValueText.Money(amount, currency));
    }

    [Fact]
    public void Default_amounts_follow_the_tenant_s_currency_and_are_all_msp_defaults_with_a_source()
    {
        var euros = ValueAssumptionDefaults.For("EUR");
        var yuan = ValueAssumptionDefaults.For("CNY");

        Assert.Equal(15_000m, euros.Single(a => a.Key == "response-cost").MostLikely);
        // 15,000 € × 7.8 = 117,000 → two significant figures: 120,000.
        Assert.Equal(120_000m, yuan.Single(a => a.Key == "response-cost").MostLikely);
        Assert.All(euros, a => Assert.True(a.IsMsspDefault && a.Source.Contains("to be approved by the committee", StringComparison.Ordinal) && a.SourceYear >= 2021));
        Assert.Equal(9, euros.Count);
    }

    // Five attacks: in more than a tenth of the draws none becomes a loss event, so P10 is zero.
    private const double PinnedP10 = 0;
    private const double PinnedP50 = 81_846.98;
    private const double PinnedP90 = 208_889.44;

    private static List<StoppedAttack> Attacks(int count) =>
        Enumerable.Range(0, count).Select(i => new StoppedAttack((KillChainStage)(i % 5), 1_000m * (1 + i % 7))).ToList();

    private static Func<string, ValueAssumption> Defaults(string currency)
    {
        var byKey = ValueAssumptionDefaults.For(currency).ToDictionary(a => a.Key);
        return key => byKey[key];
    }
}
