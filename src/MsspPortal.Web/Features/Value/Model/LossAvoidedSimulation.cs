using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Model;

// One attack stopped this month: the stage it was stopped at and what an hour of outage costs the service it aimed at.
public readonly record struct StoppedAttack(KillChainStage Stage, decimal DowntimeCostPerHour);

// P10/P50/P90 and mean of the simulated total loss avoided, over Draws draws.
public sealed record LossAvoidedEstimate(double P10, double P50, double P90, double Mean, int Draws);

// FAIR (O-RA 2021) Monte Carlo of the loss the stopped attacks would have caused: in each draw, each attack becomes a
// loss event with the probability drawn (for the draw) for its stage; each loss event draws its own magnitude —
// productivity (downtime hours × the service's cost per hour), response cost, and a secondary loss with its own
// probability — as riskquant and evaluator do. The draws' totals give the distribution. Same attacks, inputs and
// seed: same figures.
public static class LossAvoidedSimulation
{
    public const int Draws = 10_000;

    // assumption: the input of a key (ValueAssumptionDefaults' keys), from the tenant's set or the defaults.
    public static LossAvoidedEstimate Run(IReadOnlyList<StoppedAttack> attacks, Func<string, ValueAssumption> assumption, ulong seed, int draws = Draws)
    {
        ArgumentNullException.ThrowIfNull(attacks);
        ArgumentNullException.ThrowIfNull(assumption);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        var stages = Enum.GetValues<KillChainStage>().ToDictionary(s => s, s => assumption(ValueAssumptionDefaults.LossEventProbability(s)));
        var downtime = assumption(ValueAssumptionDefaults.DowntimeHours);
        var response = assumption(ValueAssumptionDefaults.ResponseCost);
        var secondaryChance = assumption(ValueAssumptionDefaults.SecondaryLossProbability);
        var secondary = assumption(ValueAssumptionDefaults.SecondaryLoss);

        var sampler = new Sampler(seed);
        var totals = new double[draws];
        var stageOrder = Enum.GetValues<KillChainStage>();
        var chanceOfStage = new double[stageOrder.Length];
        var perAttack = attacks.Select(a => (Stage: (int)a.Stage, CostPerHour: (double)a.DowntimeCostPerHour)).ToArray();
        for (var d = 0; d < draws; d++)
        {
            // A draw is one possible world: the chance that an attack stopped at a stage would have become a loss, and
            // the chance of a secondary loss, are drawn once for the draw and hold for every attack in it (the range is
            // our uncertainty about the rate, not a coin per attack); each loss event then draws its own magnitude.
            foreach (var stage in stageOrder)
            {
                chanceOfStage[(int)stage] = Math.Clamp(Draw(sampler, stages[stage]), 0, 1);
            }
            var secondaryShare = Math.Clamp(Draw(sampler, secondaryChance), 0, 1);
            var total = 0.0;
            foreach (var (stage, costPerHour) in perAttack)
            {
                if (!sampler.Chance(chanceOfStage[stage]))
                {
                    continue;
                }
                total += Draw(sampler, downtime) * costPerHour;
                total += Draw(sampler, response);
                if (sampler.Chance(secondaryShare))
                {
                    total += Draw(sampler, secondary);
                }
            }
            totals[d] = total;
        }
        Array.Sort(totals);
        return new LossAvoidedEstimate(Rank(totals, 0.10), Rank(totals, 0.50), Rank(totals, 0.90), totals.Average(), draws);
    }

    // The analytic mean of the same model: Σ over attacks of E[p_stage] × (E[hours] × cost + E[response] + E[p2] × E[secondary]).
    // The inputs are drawn independently, so the product of means is the mean of the product.
    public static double AnalyticMean(IReadOnlyList<StoppedAttack> attacks, Func<string, ValueAssumption> assumption)
    {
        ArgumentNullException.ThrowIfNull(attacks);
        ArgumentNullException.ThrowIfNull(assumption);
        return attacks.Sum(a => Mean(assumption(ValueAssumptionDefaults.LossEventProbability(a.Stage)))
            * (Mean(assumption(ValueAssumptionDefaults.DowntimeHours)) * (double)a.DowntimeCostPerHour
                + Mean(assumption(ValueAssumptionDefaults.ResponseCost))
                + Mean(assumption(ValueAssumptionDefaults.SecondaryLossProbability)) * Mean(assumption(ValueAssumptionDefaults.SecondaryLoss))));
    }

    public static double Mean(ValueAssumption input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.Distribution == AssumptionDistribution.Lognormal90
            ? Sampler.Lognormal90Mean((double)input.Min, (double)input.Max)
            : Sampler.PertMean((double)input.Min, (double)input.MostLikely, (double)input.Max);
    }

    public static double Draw(Sampler sampler, ValueAssumption input)
    {
        ArgumentNullException.ThrowIfNull(sampler);
        ArgumentNullException.ThrowIfNull(input);
        return input.Distribution == AssumptionDistribution.Lognormal90
            ? sampler.Lognormal90((double)input.Min, (double)input.Max)
            : sampler.Pert((double)input.Min, (double)input.MostLikely, (double)input.Max);
    }

    // Nearest rank: a percentile is a total some draw really gave.
    public static double Rank(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
