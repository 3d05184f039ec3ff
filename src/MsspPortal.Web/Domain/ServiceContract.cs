namespace MsspPortal.Web.Domain;

// What the MSSP promised a tenant and how it is paid: the SLA clocks and the invoice read it. The fee is a base fee per
// billing period, plus a share of the tenant's REVENUE GROWTH (figures the tenant reports), minus SLA credits earned in
// the period before. A fee never rests on an estimated range: losses avoided are a P10–P90 estimate and stay in the value
// report; revenue is a figure the tenant states.
public sealed class ServiceContract : ITenantOwned
{
    public const int CurrencyLength = 3;

    private readonly List<SlaTarget> _slaTargets = [];

    private ServiceContract()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public ServiceTier Tier { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    // Calendar months, quarters or years: the invoice covers one, and every amount below is per one.
    public BillingPeriod BillingPeriod { get; private set; }

    // ISO 4217; null bills in the tenant's currency (Tenant.Currency).
    public string? Currency { get; private set; }

    // The fixed part of the fee, per billing period.
    public decimal BaseFee { get; private set; }

    // Share of revenue growth paid on top of the base fee, in percent (0 for none).
    public decimal RevenueSharePercent { get; private set; }

    // Growth up to this percent over last year's revenue is free of the share.
    public decimal RevenueShareThresholdPercent { get; private set; }

    // How the threshold reads: the share of the growth above it (Marginal) or of all growth once past it (Cliff).
    public RevenueShareReading RevenueShareReading { get; private set; }

    // Upper bound of the revenue share per billing period; null for none.
    public decimal? RevenueShareCap { get; private set; }

    // Upper bound of all SLA credits applied to one invoice; null leaves the base fee as the only bound.
    public decimal? SlaCreditCap { get; private set; }

    // One per severity at most: the SLA clock of an alert reads the target of its severity.
    public IReadOnlyList<SlaTarget> SlaTargets => _slaTargets;

    public static ServiceContract Sign(Guid tenantId, ServiceTier tier, DateOnly startsOn, DateOnly endsOn, BillingPeriod billingPeriod, decimal baseFee,
        string? currency = null)
    {
        if (endsOn <= startsOn)
        {
            throw new ArgumentException("A contract ends after it starts.", nameof(endsOn));
        }
        var contract = new ServiceContract { TenantId = tenantId, Tier = tier, StartsOn = startsOn, EndsOn = endsOn, RevenueShareThresholdPercent = 10 };
        contract.Bill(billingPeriod, baseFee, currency);
        return contract;
    }

    // The billing terms: the period an invoice covers, its currency and the base fee per period.
    public void Bill(BillingPeriod billingPeriod, decimal baseFee, string? currency)
    {
        if (!Enum.IsDefined(billingPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(billingPeriod), billingPeriod, "Monthly, quarterly or yearly.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(baseFee);
        currency = string.IsNullOrWhiteSpace(currency) ? null : currency.Trim().ToUpperInvariant();
        if (currency is not null && (currency.Length != CurrencyLength || !currency.All(char.IsAsciiLetterUpper)))
        {
            throw new ArgumentException("A currency is a three-letter ISO 4217 code.", nameof(currency));
        }
        (BillingPeriod, BaseFee, Currency) = (billingPeriod, baseFee, currency);
    }

    // The value-based part of the fee: percent of the revenue growth over thresholdPercent, read as the contract says,
    // optionally capped per billing period.
    public void ShareRevenueGrowth(decimal percent, decimal thresholdPercent, RevenueShareReading reading, decimal? cap)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A share is between 0 and 100 percent.");
        }
        if (thresholdPercent is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(thresholdPercent), thresholdPercent, "A growth threshold is between 0 and 1000 percent.");
        }
        if (!Enum.IsDefined(reading))
        {
            throw new ArgumentOutOfRangeException(nameof(reading), reading, "Marginal or cliff.");
        }
        if (cap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "A cap is not negative.");
        }
        (RevenueSharePercent, RevenueShareThresholdPercent, RevenueShareReading, RevenueShareCap) = (percent, thresholdPercent, reading, cap);
    }

    public void CapSlaCredits(decimal? cap)
    {
        if (cap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "A cap is not negative.");
        }
        SlaCreditCap = cap;
    }

    // Sets the service level of one severity, replacing the one it had.
    public SlaTarget Promise(AlertSeverity severity, int acknowledgeWithinMinutes, int resolveWithinMinutes)
    {
        if (acknowledgeWithinMinutes <= 0 || resolveWithinMinutes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(acknowledgeWithinMinutes), "Service levels are positive durations.");
        }
        if (resolveWithinMinutes < acknowledgeWithinMinutes)
        {
            throw new ArgumentException("An alert cannot be resolved within less time than it is acknowledged in.", nameof(resolveWithinMinutes));
        }
        var target = _slaTargets.FirstOrDefault(t => t.Severity == severity);
        if (target is null)
        {
            target = new SlaTarget(this, severity);
            _slaTargets.Add(target);
        }
        target.Set(acknowledgeWithinMinutes, resolveWithinMinutes);
        return target;
    }

    // The credit a severity earns the tenant: creditPercent of the base fee when the period's SLA attainment of that
    // severity falls below targetAttainmentPercent (null: no credit). A severity without a promise has nothing to miss.
    public SlaTarget CreditWhenMissed(AlertSeverity severity, decimal? targetAttainmentPercent, decimal creditPercent)
    {
        var target = _slaTargets.FirstOrDefault(t => t.Severity == severity)
            ?? throw new InvalidOperationException($"The contract promises no service level for {severity}: promise one before crediting it.");
        if (targetAttainmentPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(targetAttainmentPercent), targetAttainmentPercent, "An attainment target is between 0 and 100 percent.");
        }
        if (creditPercent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(creditPercent), creditPercent, "A credit is between 0 and 100 percent of the base fee.");
        }
        target.SetCredit(targetAttainmentPercent, creditPercent);
        return target;
    }

    // The revenue share of one billing period. r0 is last year's revenue over the same months, r1 this period's.
    // Marginal: percent × max(0, r1 − (1 + threshold)·r0) — continuous, nothing owed at the threshold.
    // Cliff: percent × (r1 − r0) once r1 > (1 + threshold)·r0, else 0 — jumps from 0 to percent × threshold·r0 there.
    public RevenueShare ShareOf(decimal r0, decimal r1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(r0);
        ArgumentOutOfRangeException.ThrowIfNegative(r1);
        var thresholdRevenue = r0 * (1 + RevenueShareThresholdPercent / 100);
        var shared = RevenueShareReading switch
        {
            RevenueShareReading.Cliff => r1 > thresholdRevenue ? r1 - r0 : 0,
            _ => Math.Max(0, r1 - thresholdRevenue),
        };
        var uncapped = Money(shared * RevenueSharePercent / 100);
        var amount = RevenueShareCap is { } cap ? Math.Min(uncapped, cap) : uncapped;
        return new RevenueShare(r0, r1, thresholdRevenue, shared, uncapped, amount, amount < uncapped);
    }

    // The SLA credits earned in one period (applied to the next invoice). attainment: percent of decided deadlines met
    // per severity; a severity with nothing decided (null or missing) earns nothing. The total is capped by
    // SlaCreditCap and never exceeds the base fee it is taken off.
    public SlaCredits CreditsFor(IReadOnlyDictionary<AlertSeverity, decimal?> attainment)
    {
        ArgumentNullException.ThrowIfNull(attainment);
        var lines = _slaTargets.OrderByDescending(t => t.Severity)
            .Select(t =>
            {
                var attained = attainment.GetValueOrDefault(t.Severity);
                var missed = t.TargetAttainmentPercent is { } goal && attained is { } a && a < goal;
                return new SlaCredit(t.Severity, t.TargetAttainmentPercent, attained, t.CreditPercent, missed ? Money(BaseFee * t.CreditPercent / 100) : 0);
            })
            .ToList();
        var uncapped = lines.Sum(l => l.Amount);
        var bound = Math.Min(SlaCreditCap ?? BaseFee, BaseFee);
        var total = Math.Min(uncapped, bound);
        return new SlaCredits(lines, uncapped, total, total < uncapped);
    }

    private static decimal Money(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

public enum BillingPeriod
{
    Monthly,
    Quarterly,
    Yearly,
}

public enum RevenueShareReading
{
    // percent × max(0, R1 − (1 + threshold)·R0): no jump at the threshold.
    Marginal,

    // percent × (R1 − R0) once R1 > (1 + threshold)·R0: all the growth, once past the threshold.
    Cliff,
}

// ThresholdRevenue = (1 + threshold)·R0; Shared = the revenue the percent applies to; Amount = after the cap.
public sealed record RevenueShare(decimal R0, decimal R1, decimal ThresholdRevenue, decimal Shared, decimal Uncapped, decimal Amount, bool Capped);

// Target and attainment in percent (null: no target set / nothing decided in the period); Amount is the credit earned.
public sealed record SlaCredit(AlertSeverity Severity, decimal? TargetPercent, decimal? AttainmentPercent, decimal CreditPercent, decimal Amount);

public sealed record SlaCredits(IReadOnlyList<SlaCredit> Lines, decimal Uncapped, decimal Total, bool Capped);

// Per-severity service levels of a contract; changed through Promise and CreditWhenMissed.
public sealed class SlaTarget : ITenantOwned
{
    private SlaTarget()
    {
    }

    internal SlaTarget(ServiceContract contract, AlertSeverity severity)
    {
        (TenantId, ServiceContractId, Severity) = (contract.TenantId, contract.Id, severity);
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long ServiceContractId { get; private set; }

    public AlertSeverity Severity { get; private set; }

    public int AcknowledgeWithinMinutes { get; private set; }

    public int ResolveWithinMinutes { get; private set; }

    // Share of the period's decided deadlines of this severity the MSSP promises to meet; null: no credit applies.
    public decimal? TargetAttainmentPercent { get; private set; }

    // Percent of the base fee credited to the tenant when attainment falls below the target.
    public decimal CreditPercent { get; private set; }

    internal void Set(int acknowledgeWithinMinutes, int resolveWithinMinutes) =>
        (AcknowledgeWithinMinutes, ResolveWithinMinutes) = (acknowledgeWithinMinutes, resolveWithinMinutes);

    internal void SetCredit(decimal? targetAttainmentPercent, decimal creditPercent) =>
        (TargetAttainmentPercent, CreditPercent) = (targetAttainmentPercent, creditPercent);
}
