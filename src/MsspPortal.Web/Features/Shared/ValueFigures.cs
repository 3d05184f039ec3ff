using Mediator;

// Features share contracts through Features/Shared, the one folder each may import (architecture tests); the name is
// a keyword only in Visual Basic.
#pragma warning disable CA1716
namespace MsspPortal.Web.Features.Shared;
#pragma warning restore CA1716

// The value model's figures of one tenant and month: what the dashboard, the monthly report (its snapshot), the PDF,
// the CSV and the invoice preview all read. A flat list of keyed figures so a snapshot is plain JSON and every view
// shows the same numbers with the same formula and the same link to the records behind them. It lives in Shared because the
// committee's agendas and retrospectives read the same figures, and features do not import each other.
public sealed record ComputeMonthlyValue(Guid TenantId, int Year, int Month) : IQuery<ValueFigures>;

public sealed record ValueFigures(
    Guid TenantId,
    string TenantName,
    string Currency,
    int Year,
    int Month,
    // The month in the tenant's time zone, as UTC instants [From, To).
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset ComputedAt,
    // The assumption set version the estimates used (part of the Monte Carlo seed).
    int AssumptionVersion,
    IReadOnlyList<ValueFigure> Figures,
    IReadOnlyList<string> Headlines)
{
    public ValueFigure? Find(string key) => Figures.FirstOrDefault(f => f.Key == key);
}

// One figure. Value is the figure (the median P50 for an estimate); Low/High are P10/P90 for an estimate and null for
// a count or measurement. Baseline is the before-the-service figure when the profile has it. Link is a portal URL
// listing the records counted (null when the figure is an input, not a count).
public sealed record ValueFigure(
    string Key,
    ValueFamily Family,
    string Label,
    ValueUnit Unit,
    decimal? Value,
    decimal? Low = null,
    decimal? High = null,
    decimal? Baseline = null,
    string Formula = "",
    string? Link = null,
    string? Note = null);

public enum ValueFamily
{
    BusinessProtection,
    OperationalEfficiency,
    BusinessGrowth,
}

public enum ValueUnit
{
    Count,
    Minutes,
    Hours,
    Days,
    Percent,
    Currency,
}

// Keys every consumer may rely on; per-severity and per-stage figures append ".{name}" in lower case
// (e.g. "efficiency.mttr.p50.critical", "protection.attacks-stopped.delivery").
public static class ValueKeys
{
    public const string InterruptionMinutes = "protection.interruption-minutes";
    public const string FraudRate = "protection.fraud-rate";
    public const string FraudLossAvoided = "protection.fraud-loss-avoided";
    public const string AttacksStopped = "protection.attacks-stopped";
    public const string LossAvoided = "protection.loss-avoided";
    public const string ActualLoss = "protection.actual-loss";
    public const string Mttd = "efficiency.mttd";
    public const string Mtta = "efficiency.mtta";
    public const string Mttr = "efficiency.mttr";
    public const string SlaAttainment = "efficiency.sla-attainment";
    public const string FunnelEvents = "efficiency.funnel.events";
    public const string FunnelAlerts = "efficiency.funnel.alerts";
    public const string FunnelDeduplicated = "efficiency.funnel.deduplicated";
    public const string FunnelSuppressed = "efficiency.funnel.suppressed";
    public const string FunnelAutoResolved = "efficiency.funnel.auto-resolved";
    public const string FunnelTriaged = "efficiency.funnel.triaged";
    public const string FunnelIncidents = "efficiency.funnel.incidents";
    public const string HoursHandled = "efficiency.hours-handled";
    public const string CustomerHoursFreed = "efficiency.customer-hours-freed";
    public const string CustomerHoursFreedValue = "efficiency.customer-hours-freed-value";
    public const string AuditTimeSaved = "efficiency.audit-days-saved";
    public const string GrowthPrefix = "growth.";
}
