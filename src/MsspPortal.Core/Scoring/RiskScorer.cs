using System.Globalization;
using System.Text;

namespace MsspPortal.Core.Scoring;

/// <summary>
/// raw = base × criticality × intel × tactic × protection window × downtime + adjustments; the score is raw up to the
/// knee (50) and above it bends towards 100 (every 50 raw points halve the distance left), so strong alerts keep their
/// order instead of piling up at a clamp. Each factor, the curve included, is recorded with its reason so the
/// analyst and the customer can see why an alert ranks where it does.
/// </summary>
public static class RiskScorer
{
    private static readonly string[] CriticalityNames = ["minimal", "low", "standard", "important", "critical"];

    public static RiskScore Score(RiskInputs inputs, RiskWeights? weights = null)
    {
        weights ??= RiskWeights.Default;
        var baseRisk = Math.Clamp(inputs.BaseRisk, 0, 100);
        var factors = new List<RiskFactor> { new("rule", RiskFactorKind.Base, baseRisk, "base risk of the detection rule") };

        if (inputs.AssetCriticality is { } criticality)
        {
            var level = Math.Clamp(criticality, 1, 5);
            factors.Add(new($"{CriticalityNames[level - 1]} asset", RiskFactorKind.Multiplier, weights.Criticality[level - 1],
                $"asset {inputs.AssetName ?? "(unnamed)"} has criticality {level} of 5"));
        }
        if (inputs.IntelConfidence is { } confidence)
        {
            var c = Math.Clamp(confidence, 0, 100);
            var multiplier = weights.IntelAtZeroConfidence + ((weights.IntelAtFullConfidence - weights.IntelAtZeroConfidence) * c / 100.0);
            factors.Add(new("intel confidence", RiskFactorKind.Multiplier, Math.Round(multiplier, 2), $"threat-intel confidence {c}/100"));
        }
        if (inputs.Tactic is { } tactic)
        {
            var stage = Math.Clamp(tactic.Order, 0, 13) / 13.0;
            var multiplier = weights.FirstTactic + ((weights.LastTactic - weights.FirstTactic) * stage);
            factors.Add(new($"{tactic.Name.ToLowerInvariant()} stage", RiskFactorKind.Multiplier, Math.Round(multiplier, 2),
                $"ATT&CK tactic {tactic.Id} is stage {tactic.Order + 1} of 14 in the kill chain"));
        }
        foreach (var window in inputs.ProtectionWindows.Where(w => w.Applies(inputs.EventTime, inputs.Service)).OrderByDescending(w => w.Multiplier).Take(1))
        {
            // Only the strongest window counts: overlapping promotions must not compound.
            factors.Add(new($"{window.Name} window", RiskFactorKind.Multiplier, window.Multiplier,
                $"{inputs.Service ?? "service"} is in protection window '{window.Name}' until {window.End:yyyy-MM-dd HH:mm} UTC"));
        }
        if (inputs.DowntimeCostPerHour is { } cost && cost > weights.DowntimeFloorPerHour)
        {
            var decades = Math.Log10((double)(cost / weights.DowntimeFloorPerHour));
            var multiplier = Math.Min(weights.DowntimeCap, 1 + (weights.DowntimePerDecade * decades));
            factors.Add(new("downtime cost", RiskFactorKind.Multiplier, Math.Round(multiplier, 2),
                string.Create(CultureInfo.InvariantCulture, $"an hour of downtime costs {cost:N0} (capped at ×{weights.DowntimeCap})")));
        }
        foreach (var adjustment in inputs.Adjustments)
        {
            factors.Add(new(adjustment.Name, RiskFactorKind.Addend, adjustment.Points, adjustment.Reason));
        }

        double raw = baseRisk;
        foreach (var factor in factors)
        {
            raw = factor.Kind switch
            {
                RiskFactorKind.Multiplier => raw * factor.Value,
                RiskFactorKind.Addend => raw + factor.Value,
                _ => raw,
            };
        }
        var curved = Curve(raw, weights);
        var value = (int)Math.Round(curved, MidpointRounding.AwayFromZero);
        if (raw > weights.CurveKnee)
        {
            // A step of its own so the "why this score" table shows where the number stopped being a plain product.
            factors.Add(new("curve", RiskFactorKind.Curve, value, string.Create(CultureInfo.InvariantCulture,
                $"raw {Math.Round(raw, 1):0.#} is above {weights.CurveKnee:0.#}: every {weights.CurveHalving:0.#} raw points above it halve the distance left to 100")));
        }
        return new RiskScore(value, raw, factors, Explain(value, raw, factors, weights));
    }

    /// <summary>The score for a raw value: itself from 0 to the knee, then 100 − (100 − knee) × 2^(−(raw − knee) / halving).</summary>
    public static double Curve(double raw, RiskWeights? weights = null)
    {
        weights ??= RiskWeights.Default;
        if (raw <= weights.CurveKnee)
        {
            return Math.Max(raw, 0);
        }
        // Continuous at the knee and strictly increasing, so a higher raw value never ranks lower; 100 is only
        // reached (after rounding) far above anything a single rule produces in context.
        return 100 - ((100 - weights.CurveKnee) * Math.Pow(2, -(raw - weights.CurveKnee) / weights.CurveHalving));
    }

    private static string Explain(int value, double raw, List<RiskFactor> factors, RiskWeights weights)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{value} = ");
        foreach (var factor in factors)
        {
            var number = factor.Value.ToString("0.##", CultureInfo.InvariantCulture);
            text.Append(factor.Kind switch
            {
                RiskFactorKind.Base => $"{factor.Name} {number}",
                RiskFactorKind.Multiplier => $" × {factor.Name} {number}",
                RiskFactorKind.Curve => "",
                _ when factor.Value < 0 => $" − {factor.Name} {(-factor.Value).ToString("0.##", CultureInfo.InvariantCulture)}",
                _ => $" + {factor.Name} {number}",
            });
        }
        var rounded = Math.Round(raw, 1);
        if (raw > weights.CurveKnee)
        {
            text.Append(CultureInfo.InvariantCulture, $" (= {rounded:0.#}, curved above {weights.CurveKnee:0.#})");
        }
        else if (raw < 0)
        {
            text.Append(CultureInfo.InvariantCulture, $" (= {rounded:0.#}, clamped to 0)");
        }
        return text.ToString();
    }
}
