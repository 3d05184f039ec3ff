namespace MsspPortal.Web.Domain;

// A business figure the tenant reports for a month (revenue, conversion, retention, new markets): shown beside the
// security figures, and never claimed as caused by security unless the tenant confirms it (CausalityConfirmedBy).
// Revenue is also R1 of the value-based fee. One row per tenant, metric and month; a new report replaces the value.
public sealed class ReportedFigure : ITenantOwned
{
    public const int MaxNoteLength = 1000;

    private ReportedFigure()
    {
    }

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public ReportedMetric Metric { get; private set; }

    // First day of the month the figure is for.
    public DateOnly Month { get; private set; }

    public decimal Value { get; private set; }

    public string? Note { get; private set; }

    public string ReportedBy { get; private set; } = "";

    public DateTimeOffset ReportedAt { get; private set; }

    // Portal form or API: a figure posted by the tenant's systems says so.
    public ReportedFigureChannel Channel { get; private set; }

    // Set only when the tenant states that security work caused the change; otherwise the figure stands beside.
    public string? CausalityConfirmedBy { get; private set; }

    public static ReportedFigure Report(Guid tenantId, ReportedMetric metric, DateOnly month, decimal value, string reportedBy, DateTimeOffset at,
        ReportedFigureChannel channel, string? note = null)
    {
        var figure = new ReportedFigure { TenantId = tenantId, Metric = metric, Month = new DateOnly(month.Year, month.Month, 1) };
        figure.Restate(value, reportedBy, at, channel, note);
        return figure;
    }

    public void Restate(decimal value, string reportedBy, DateTimeOffset at, ReportedFigureChannel channel, string? note)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportedBy);
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "This figure is not negative.");
        }
        if (Metric is ReportedMetric.ConversionRatePercent or ReportedMetric.RetentionPercent && value > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A rate is at most 100 percent.");
        }
        (Value, ReportedBy, ReportedAt, Channel, Note) = (value, reportedBy, at, channel, note?.Trim());
    }

    public void ConfirmCausality(string userId) => CausalityConfirmedBy = userId;
}

public enum ReportedMetric
{
    Revenue,
    ConversionRatePercent,
    RetentionPercent,
    NewMarkets,
    // Hours the customer's own staff spent on security work in the month: read against the baseline's.
    SecurityStaffHours,
    // Working days the customer spent on a compliance audit held in the month: read against the baseline's.
    ComplianceAuditDays,
}

public enum ReportedFigureChannel
{
    Portal,
    Api,
}
