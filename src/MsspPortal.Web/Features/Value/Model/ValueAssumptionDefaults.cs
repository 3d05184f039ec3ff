using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Model;

// The MSSP's default inputs of the loss-avoided estimate, used as version 0 while a tenant has no assumption set of
// its own (and for any key its set lacks). Every one is a range, marked "MSSP default" (no approver) until the joint
// committee approves it. The sources give the method and orders of magnitude; none claims a figure from them that it
// does not state. Amounts are set in euros and converted at rounded rates (see Rates) so a yen tenant does not read
// euros; they are orders of magnitude either way.
public static class ValueAssumptionDefaults
{
    public const string LossEventProbabilityPrefix = "loss-event-probability.";
    public const string DowntimeHours = "downtime-hours";
    public const string ResponseCost = "response-cost";
    public const string SecondaryLossProbability = "secondary-loss-probability";
    public const string SecondaryLoss = "secondary-loss";

    private const string Pending = "MSSP default, to be approved by the committee";
    private const string Fair = "method: FAIR loss event frequency × loss magnitude (The Open Group O-RA, 2021)";
    private const string Ibm = "orders of magnitude: IBM Cost of a Data Breach Report 2024 (cost categories), scaled to a contained event";

    // Euros per unit of the currency, rounded to two significant figures from the ECB's euro reference rates
    // (2024 annual averages): only to put the default amounts in the tenant's currency. A currency not listed keeps
    // the euro amounts, and the figure's note says so.
    private static readonly Dictionary<string, decimal> Rates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = 1m,
        ["USD"] = 1.1m,
        ["GBP"] = 0.85m,
        ["CHF"] = 0.95m,
        ["CNY"] = 7.8m,
        ["JPY"] = 160m,
    };

    public static string LossEventProbability(KillChainStage stage) => LossEventProbabilityPrefix + KillChain.Name(stage);

    public static bool Converts(string currency) => Rates.ContainsKey(currency);

    public static IReadOnlyList<ValueAssumption> For(string currency)
    {
        var rate = Rates.GetValueOrDefault(currency, 1m);
        decimal Money(decimal euros) => Significant(euros * rate);
        var unit = Rates.ContainsKey(currency) ? "currency" : "currency (EUR)";
        return
        [
            Probability(KillChainStage.Reconnaissance, 0.01m, 0.03m, 0.10m, "Stopped at reconnaissance: would it have become a loss event?"),
            Probability(KillChainStage.Delivery, 0.03m, 0.10m, 0.25m, "Stopped at delivery (initial access): would it have become a loss event?"),
            Probability(KillChainStage.Exploitation, 0.10m, 0.25m, 0.50m, "Stopped after exploitation: would it have become a loss event?"),
            Probability(KillChainStage.Lateral, 0.20m, 0.40m, 0.70m, "Stopped during lateral movement: would it have become a loss event?"),
            Probability(KillChainStage.Impact, 0.40m, 0.65m, 0.90m, "Stopped at exfiltration or impact: would it have become a loss event?"),
            ValueAssumption.Range(DowntimeHours, "Hours the affected service would have been down per loss event", AssumptionDistribution.Pert,
                0.5m, 4m, 24m, "hours", $"{Pending}; {Fair}", 2021),
            ValueAssumption.Range(ResponseCost, "Response cost per loss event (investigation, recovery, notification)", AssumptionDistribution.Pert,
                Money(2_000m), Money(15_000m), Money(100_000m), unit, $"{Pending}; {Ibm}", 2024),
            ValueAssumption.Range(SecondaryLossProbability, "Chance a loss event brings a secondary loss (fines, customers lost)", AssumptionDistribution.Pert,
                0.02m, 0.10m, 0.30m, "probability", $"{Pending}; {Fair}", 2021),
            ValueAssumption.Range(SecondaryLoss, "Secondary loss when it happens (90% interval)", AssumptionDistribution.Lognormal90,
                Money(10_000m), 0m, Money(1_000_000m), unit, $"{Pending}; {Ibm}", 2024),
        ];
    }

    private static ValueAssumption Probability(KillChainStage stage, decimal min, decimal mostLikely, decimal max, string label) =>
        ValueAssumption.Range(LossEventProbability(stage), label, AssumptionDistribution.Pert, min, mostLikely, max, "probability", $"{Pending}; {Fair}", 2021);

    // Two significant figures: the defaults are orders of magnitude, and should read like it after conversion.
    private static decimal Significant(decimal value)
    {
        if (value == 0)
        {
            return 0;
        }
        var digits = (int)Math.Floor(Math.Log10((double)Math.Abs(value))) + 1;
        var scale = (decimal)Math.Pow(10, digits - 2);
        return Math.Round(value / scale, MidpointRounding.AwayFromZero) * scale;
    }
}
