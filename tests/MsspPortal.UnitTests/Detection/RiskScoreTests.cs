using MsspPortal.Core.Attack;
using MsspPortal.Core.Scoring;

namespace MsspPortal.UnitTests.Detection;

public sealed class RiskScoreTests
{
    private static readonly DateTimeOffset At = new(2025, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Base_risk_alone_is_the_score()
    {
        var score = RiskScorer.Score(new RiskInputs(47, At));
        Assert.Equal(47, score.Value);
        Assert.Equal("47 = rule 47", score.Explanation);
    }

    [Fact]
    public void Critical_asset_in_a_promotion_window_multiplies_and_the_breakdown_says_so()
    {
        var blackFriday = new WeightedPeriod("Black Friday", At.AddDays(-1), At.AddDays(3)) { Services = ["webshop"] };
        var score = RiskScorer.Score(new RiskInputs(30, At)
        {
            AssetCriticality = 5, AssetName = "shop-web-1", Service = "webshop", ProtectionWindows = [blackFriday],
            Adjustments = [new RiskAdjustment("known scanner", -10, "source is the customer's scanner")],
        });
        Assert.Equal(62, score.Value);
        Assert.Equal("62 = rule 30 × critical asset 2 × Black Friday window 1.2 − known scanner 10", score.Explanation);
        Assert.Equal(["rule", "critical asset", "Black Friday window", "known scanner"], score.Factors.Select(f => f.Name));
    }

    [Fact]
    public void A_protection_window_for_another_service_or_time_does_not_apply()
    {
        var window = new WeightedPeriod("month-end", At.AddDays(1), At.AddDays(2)) { Services = ["payments"] };
        Assert.Equal(50, RiskScorer.Score(new RiskInputs(50, At) { Service = "payments", ProtectionWindows = [window] }).Value);
        Assert.Equal(50, RiskScorer.Score(new RiskInputs(50, At.AddDays(1.5)) { Service = "webshop", ProtectionWindows = [window] }).Value);
        Assert.Equal(60, RiskScorer.Score(new RiskInputs(50, At.AddDays(1.5)) { Service = "payments", ProtectionWindows = [window] }).Value);
    }

    [Fact]
    public void Later_kill_chain_stages_weigh_more()
    {
        var tactics = AttackCatalog.EnterpriseTactics;
        var recon = RiskScorer.Score(new RiskInputs(50, At) { Tactic = tactics[0] });
        var impact = RiskScorer.Score(new RiskInputs(50, At) { Tactic = tactics[^1] });
        Assert.Equal(40, recon.Value);
        Assert.Equal(65, impact.Value);
    }

    [Fact]
    public void Intel_confidence_scales_between_its_bounds()
    {
        Assert.Equal(40, RiskScorer.Score(new RiskInputs(50, At) { IntelConfidence = 0 }).Value);
        Assert.Equal(65, RiskScorer.Score(new RiskInputs(50, At) { IntelConfidence = 100 }).Value);
    }

    [Fact]
    public void Downtime_cost_raises_the_score_but_is_capped()
    {
        Assert.Equal(50, RiskScorer.Score(new RiskInputs(50, At) { DowntimeCostPerHour = 500m }).Value);
        Assert.Equal(65, RiskScorer.Score(new RiskInputs(50, At) { DowntimeCostPerHour = 100_000m }).Value);
        Assert.Equal(75, RiskScorer.Score(new RiskInputs(50, At) { DowntimeCostPerHour = 1_000_000_000m }).Value);
    }

    [Fact]
    public void The_score_is_clamped_and_the_explanation_shows_the_raw_value()
    {
        var score = RiskScorer.Score(new RiskInputs(90, At) { AssetCriticality = 5 });
        Assert.Equal(100, score.Value);
        Assert.Equal(180, score.Unclamped);
        Assert.EndsWith("(= 180, clamped to 0..100)", score.Explanation, StringComparison.Ordinal);
        Assert.Equal(0, RiskScorer.Score(new RiskInputs(10, At) { Adjustments = [new("allow-listed", -50, "test")] }).Value);
    }

    [Fact]
    public void Minimal_assets_halve_the_score() =>
        Assert.Equal(25, RiskScorer.Score(new RiskInputs(50, At) { AssetCriticality = 1 }).Value);
}
