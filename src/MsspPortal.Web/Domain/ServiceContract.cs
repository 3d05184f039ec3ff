namespace MsspPortal.Web.Domain;

/// <summary>What the MSSP promised a tenant and how it is paid: the SLA clocks and value-based fees read it.</summary>
public sealed class ServiceContract : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public ServiceTier Tier { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public decimal BaseMonthlyFee { get; set; }

    /// <summary>Share of the quantified value (losses avoided) paid on top of the base fee, in percent.</summary>
    public decimal ValueSharePercent { get; set; }

    /// <summary>Upper bound of the monthly value share, in the tenant's currency; null for none.</summary>
    public decimal? ValueShareCap { get; set; }

    public List<SlaTarget> SlaTargets { get; } = [];
}

/// <summary>Per-severity service levels of a contract.</summary>
public sealed class SlaTarget : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long ServiceContractId { get; set; }

    public AlertSeverity Severity { get; set; }

    public int AcknowledgeWithinMinutes { get; set; }

    public int ResolveWithinMinutes { get; set; }
}
