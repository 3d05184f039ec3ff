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
// seed: same figures (whatever the order the attacks come in).
//
// Attacks of the same stage on services of the same cost per hour are alike, so a draw does not toss a coin per
// attack: it draws how many of a group's n attacks become loss events, k ~ Binomial(n, p_stage) — the distribution of
// the count of n such coins — and draws magnitudes for those k events only; likewise how many of the k bring a
// secondary loss, ~ Binomial(k, p_secondary). Same model, same expected value. When a group has more than
// ExactSumUpTo loss events in a draw, the sum of their downtime hours, and of their response costs, is drawn at once
// from a gamma with the sum's exact mean, variance and skewness (Input.SumOf). A draw costs about the number of groups
// plus the number of secondary losses, not the number of attacks.
public static class LossAvoidedSimulation
{
    public const int Draws = 10_000;

    // Up to this many loss events of a group in a draw, each draws its downtime and response cost; beyond, the sum of
    // the k draws is drawn at once (Input.SumOf). Secondary losses (lognormal, heavy-tailed) are always per event.
    public const int ExactSumUpTo = 30;

    // assumption: the input of a key (ValueAssumptionDefaults' keys), from the tenant's set or the defaults.
    public static LossAvoidedEstimate Run(IReadOnlyList<StoppedAttack> attacks, Func<string, ValueAssumption> assumption, ulong seed, int draws = Draws)
    {
        ArgumentNullException.ThrowIfNull(attacks);
        ArgumentNullException.ThrowIfNull(assumption);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        var stageOrder = Enum.GetValues<KillChainStage>();
        var stages = stageOrder.Select(s => Input.Of(assumption(ValueAssumptionDefaults.LossEventProbability(s)))).ToArray();
        var downtime = Input.Of(assumption(ValueAssumptionDefaults.DowntimeHours));
        var response = Input.Of(assumption(ValueAssumptionDefaults.ResponseCost));
        var secondaryChance = Input.Of(assumption(ValueAssumptionDefaults.SecondaryLossProbability));
        var secondary = Input.Of(assumption(ValueAssumptionDefaults.SecondaryLoss));

        // The groups in a fixed order (stage, then cost per hour), so the draws do not depend on the attacks' order.
        var groups = attacks
            .GroupBy(a => (Stage: (int)a.Stage, a.DowntimeCostPerHour))
            .OrderBy(g => g.Key.Stage).ThenBy(g => g.Key.DowntimeCostPerHour)
            .Select(g => (g.Key.Stage, CostPerHour: (double)g.Key.DowntimeCostPerHour, Count: g.Count()))
            .ToArray();

        var sampler = new Sampler(seed);
        var totals = new double[draws];
        var chanceOfStage = new double[stageOrder.Length];
        for (var d = 0; d < draws; d++)
        {
            // A draw is one possible world: the chance that an attack stopped at a stage would have become a loss, and
            // the chance of a secondary loss, are drawn once for the draw and hold for every attack in it (the range is
            // our uncertainty about the rate, not a coin per attack); each loss event then draws its own magnitude.
            for (var s = 0; s < stageOrder.Length; s++)
            {
                chanceOfStage[s] = Math.Clamp(stages[s].Draw(sampler), 0, 1);
            }
            var secondaryShare = Math.Clamp(secondaryChance.Draw(sampler), 0, 1);
            var total = 0.0;
            foreach (var (stage, costPerHour, count) in groups)
            {
                var events = sampler.Binomial(count, chanceOfStage[stage]);
                if (events == 0)
                {
                    continue;
                }
                if (events <= ExactSumUpTo)
                {
                    var hours = 0.0;
                    for (var e = 0; e < events; e++)
                    {
                        hours += downtime.Draw(sampler);
                        total += response.Draw(sampler);
                    }
                    total += hours * costPerHour;
                }
                else
                {
                    total += downtime.SumOf(sampler, events) * costPerHour + response.SumOf(sampler, events);
                }
                var secondaries = sampler.Binomial(events, secondaryShare);
                for (var e = 0; e < secondaries; e++)
                {
                    total += secondary.Draw(sampler);
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

    // An input with its parameters converted once (decimal to double, PERT's α and β, the lognormal's μ and σ):
    // draws the same values as Draw(sampler, input), without redoing the conversions per loss event.
    private readonly struct Input
    {
        private readonly bool _lognormal;
        private readonly double _min;
        private readonly double _range;
        private readonly double _alpha;
        private readonly double _beta;
        private readonly double _mu;
        private readonly double _sigma;

        private Input(bool lognormal, double min, double range, double alpha, double beta, double mu, double sigma) =>
            (_lognormal, _min, _range, _alpha, _beta, _mu, _sigma) = (lognormal, min, range, alpha, beta, mu, sigma);

        public static Input Of(ValueAssumption input)
        {
            ArgumentNullException.ThrowIfNull(input);
            var (min, mode, max) = ((double)input.Min, (double)input.MostLikely, (double)input.Max);
            if (input.Distribution == AssumptionDistribution.Lognormal90)
            {
                var (mu, sigma) = Sampler.LognormalParameters(min, max);
                return new Input(true, 0, 0, 0, 0, mu, sigma);
            }
            if (max < min || mode < min || mode > max)
            {
                throw new ArgumentOutOfRangeException(nameof(input), $"PERT needs min ≤ mode ≤ max (got {min}, {mode}, {max}).");
            }
            var range = max - min;
            return range == 0
                ? new Input(false, min, 0, 0, 0, 0, 0)
                : new Input(false, min, range, 1 + Sampler.PertGamma * (mode - min) / range, 1 + Sampler.PertGamma * (max - mode) / range, 0, 0);
        }

        // The sum of k independent draws of a PERT input, for k above ExactSumUpTo: a shifted gamma with the sum's exact
        // mean k·μ, variance k·σ² and skewness γ/√k (the three-moment gamma approximation; mirrored when γ < 0, normal
        // when γ = 0), kept in [k·min, k·max]. By then the sum is nearly normal (skewness ≤ 0.2 for the defaults) and
        // its spread is small beside the draw-to-draw spread of the loss-event probability; one gamma replaces 2k.
        public double SumOf(Sampler sampler, int k)
        {
            if (_lognormal)
            {
                var sum = 0.0;
                for (var i = 0; i < k; i++)
                {
                    sum += Draw(sampler);
                }
                return sum;
            }
            if (_range == 0)
            {
                return k * _min;
            }
            var (a, b) = (_alpha, _beta);
            var mean = k * (_min + _range * a / (a + b));
            var sd = _range * Math.Sqrt(k * a * b / ((a + b) * (a + b) * (a + b + 1)));
            var skew = 2 * (b - a) * Math.Sqrt(a + b + 1) / ((a + b + 2) * Math.Sqrt(a * b)) / Math.Sqrt(k);
            double value;
            if (Math.Abs(skew) < 1e-9)
            {
                value = mean + sd * sampler.Normal();
            }
            else
            {
                var shape = 4 / (skew * skew);
                var scale = sd * Math.Abs(skew) / 2;
                value = mean + Math.Sign(skew) * scale * (sampler.Gamma(shape) - shape);
            }
            return Math.Clamp(value, k * _min, k * (_min + _range));
        }

        public double Draw(Sampler sampler) =>
            _lognormal ? Math.Exp(_mu + _sigma * sampler.Normal())
            : _range == 0 ? _min
            : _min + _range * sampler.Beta(_alpha, _beta);
    }
}
