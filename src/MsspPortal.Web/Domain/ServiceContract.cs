namespace MsspPortal.Web.Domain;

// What the MSSP promised a tenant and how it is paid: the SLA clocks and value-based fees read it.
public sealed class ServiceContract : ITenantOwned
{
    private readonly List<SlaTarget> _slaTargets = [];

    private ServiceContract()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public ServiceTier Tier { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public decimal BaseMonthlyFee { get; private set; }

    // Share of the quantified value (losses avoided) paid on top of the base fee, in percent.
    public decimal ValueSharePercent { get; private set; }

    // Upper bound of the monthly value share, in the tenant's currency; null for none.
    public decimal? ValueShareCap { get; private set; }

    // One per severity at most: the SLA clock of an alert reads the target of its severity.
    public IReadOnlyList<SlaTarget> SlaTargets => _slaTargets;

    public static ServiceContract Sign(Guid tenantId, ServiceTier tier, DateOnly startsOn, DateOnly endsOn, decimal baseMonthlyFee)
    {
        if (endsOn <= startsOn)
        {
            throw new ArgumentException("A contract ends after it starts.", nameof(endsOn));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(baseMonthlyFee);
        return new ServiceContract { TenantId = tenantId, Tier = tier, StartsOn = startsOn, EndsOn = endsOn, BaseMonthlyFee = baseMonthlyFee };
    }

    // The value-based part of the fee: a share of losses avoided, optionally capped.
    public void ShareValue(decimal percent, decimal? cap)
    {
        if (percent is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "A share is between 0 and 100 percent.");
        }
        if (cap < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cap), cap, "A cap is not negative.");
        }
        (ValueSharePercent, ValueShareCap) = (percent, cap);
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
}

// Per-severity service levels of a contract; changed through Promise.
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

    internal void Set(int acknowledgeWithinMinutes, int resolveWithinMinutes) =>
        (AcknowledgeWithinMinutes, ResolveWithinMinutes) = (acknowledgeWithinMinutes, resolveWithinMinutes);
}
