using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Features.Value.Model;

// The MSSP's default inputs of the value model: what a tenant's first assumption set (version 1) starts from, each
// shown as "MSSP default" until the joint committee approves it. Ranges, not points: min / most likely / max for PERT,
// P5 / P95 for a lognormal 90% interval. "currency" amounts are in the tenant's currency.
public static class ValueAssumptionDefaults
{
    public const int Year = 2026;

    // Kill-chain stages at which an attack can be stopped, earliest first (Lockheed Martin's chain without
    // weaponisation, which no log shows).
    public static readonly IReadOnlyList<string> Stages =
        ["reconnaissance", "delivery", "exploitation", "installation", "command-and-control", "actions-on-objectives"];

    private const string Estimate = "MSSP default: SOC expert estimate, to be calibrated with the committee";

    // New instances every call: an assumption belongs to the one set it is added to.
    public static IReadOnlyList<ValueAssumption> All() =>
    [
        // The later an attack is stopped, the likelier it would have become a loss event had nobody stopped it.
        Pert("loss-event-probability.reconnaissance", "Chance a stopped reconnaissance would have become a loss event", 0.001m, 0.01m, 0.03m, "probability"),
        Pert("loss-event-probability.delivery", "Chance a stopped delivery would have become a loss event", 0.01m, 0.05m, 0.15m, "probability"),
        Pert("loss-event-probability.exploitation", "Chance a stopped exploitation would have become a loss event", 0.05m, 0.2m, 0.4m, "probability"),
        Pert("loss-event-probability.installation", "Chance a stopped installation would have become a loss event", 0.1m, 0.3m, 0.6m, "probability"),
        Pert("loss-event-probability.command-and-control", "Chance a stopped command-and-control would have become a loss event", 0.2m, 0.4m, 0.7m, "probability"),
        Pert("loss-event-probability.actions-on-objectives", "Chance a stopped action on objectives would have become a loss event", 0.3m, 0.6m, 0.9m, "probability"),
        // Loss magnitude per event: downtime hours (× the business service's downtime cost per hour), response cost,
        // and a secondary loss (fines, customers lost) with its own probability.
        Pert("downtime-hours", "Hours a loss event would have interrupted the business service", 0.25m, 2m, 12m, "hours"),
        Lognormal("response-cost", "Cost of responding to one loss event (forensics, recovery, overtime)", 2_000m, 60_000m, "currency"),
        Pert("secondary-loss-probability", "Chance a loss event brings a secondary loss", 0.02m, 0.1m, 0.3m, "probability"),
        Lognormal("secondary-loss", "Secondary loss of one event when it happens (fines, lost customers)", 10_000m, 1_000_000m, "currency"),
        // The cross-border case: an average fine of about 2M each time a fine would have hit; an assumption, never a fact.
        Pert("compliance-fine", "Fine when a compliance failure is found", 500_000m, 2_000_000m, 5_000_000m, "currency",
            "MSSP default: industry overview of MSSP models (cross-border SaaS case, about 2M per fine)"),
        // The customer's own staff time one alert or incident would have cost without the service.
        Pert("customer-hours-per-incident", "Hours the customer's staff spend on one incident without the service", 2m, 6m, 24m, "hours"),
    ];

    private static ValueAssumption Pert(string key, string label, decimal min, decimal mostLikely, decimal max, string unit, string source = Estimate) =>
        ValueAssumption.Range(key, label, AssumptionDistribution.Pert, min, mostLikely, max, unit, source, Year);

    private static ValueAssumption Lognormal(string key, string label, decimal p5, decimal p95, string unit) =>
        ValueAssumption.Range(key, label, AssumptionDistribution.Lognormal90, p5, Math.Round((decimal)Math.Sqrt((double)(p5 * p95)), 2), p95, unit, Estimate, Year);
}
