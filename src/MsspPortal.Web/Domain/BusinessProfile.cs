namespace MsspPortal.Web.Domain;

// The tenant's business as the value report reads it: what the customer's people cost, what a fraudulent
// transaction costs, and the baseline measured before the service started. Entered by the business owner with the
// MSSP; amounts are in the tenant's currency. A baseline figure left empty is "not known": the report then shows the
// current figure without a comparison rather than inventing one.
public sealed class BusinessProfile : ITenantOwned
{
    public const int MaxSourceLength = 1000;

    private BusinessProfile()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    // What an hour of the customer's own staff costs (security team, IT on call): the only hours counted as money.
    public decimal CustomerStaffHourlyCost { get; private set; }

    // Average loss of one fraudulent transaction that goes through (chargeback, goods, fees).
    public decimal AverageFraudLoss { get; private set; }

    public ValueBaseline Baseline { get; private set; } = new();

    public DateTimeOffset UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public static BusinessProfile For(Guid tenantId) => new() { TenantId = tenantId };

    public void Update(decimal customerStaffHourlyCost, decimal averageFraudLoss, ValueBaseline baseline, string? userId, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customerStaffHourlyCost);
        ArgumentOutOfRangeException.ThrowIfNegative(averageFraudLoss);
        ArgumentNullException.ThrowIfNull(baseline);
        baseline.Validate();
        (CustomerStaffHourlyCost, AverageFraudLoss, Baseline, UpdatedBy, UpdatedAt) = (customerStaffHourlyCost, averageFraudLoss, baseline, userId, at);
    }
}

// The business before the service started, per month unless named otherwise. Owned by BusinessProfile (same row).
public sealed record ValueBaseline
{
    public decimal? InterruptionHoursPerMonth { get; init; }

    // Fraudulent transactions that went through, in percent of all transactions.
    public decimal? FraudRatePercent { get; init; }

    public decimal? IncidentsPerMonth { get; init; }

    // Working days the customer spent on one compliance audit.
    public decimal? ComplianceAuditDays { get; init; }

    public decimal? CustomerChurnPercent { get; init; }

    public decimal? MeanTimeToRespondHours { get; init; }

    // Hours the customer's own staff spent on security work a month (triage, firefighting, audits).
    public decimal? CustomerStaffHoursPerMonth { get; init; }

    // Revenue in the year before the service: R0 of the value-based fee when no earlier revenue is reported.
    public decimal? AnnualRevenue { get; init; }

    // When and how the baseline was measured, and who stated it: a finance person checks the report against this.
    public DateOnly? MeasuredOn { get; init; }

    public string? Source { get; init; }

    public void Validate()
    {
        foreach (var value in new[] { InterruptionHoursPerMonth, FraudRatePercent, IncidentsPerMonth, ComplianceAuditDays, CustomerChurnPercent, MeanTimeToRespondHours, CustomerStaffHoursPerMonth, AnnualRevenue })
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A baseline figure is not negative.");
            }
        }
        if (FraudRatePercent > 100 || CustomerChurnPercent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(FraudRatePercent), "A rate is at most 100 percent.");
        }
        if (Source?.Length > BusinessProfile.MaxSourceLength)
        {
            throw new ArgumentOutOfRangeException(nameof(Source), $"The source is at most {BusinessProfile.MaxSourceLength} characters.");
        }
    }
}
