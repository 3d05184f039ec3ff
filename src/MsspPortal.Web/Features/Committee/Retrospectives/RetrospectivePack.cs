using System.Text.Json;
using System.Text.Json.Serialization;
using MsspPortal.Web.Domain;
using MsspPortal.Web.Features.Shared;

namespace MsspPortal.Web.Features.Committee.Retrospectives;

// What a quarterly retrospective reviews, as the records said when it was assembled. Serialised with records'
// declaration order and every list sorted, and with no assembly time in it, so the same records give the same bytes
// and the same content hash (Retrospective.Hash): a signature binds exactly this.
public sealed record RetrospectivePack(
    string Tenant,
    string Currency,
    string TimeZone,
    int Year,
    int Quarter,
    DateOnly FirstDay,
    DateOnly LastDay,
    RetrospectivePack.IncidentSection Incidents,
    RetrospectivePack.ValueSection Value,
    IReadOnlyList<RetrospectivePack.SlaRow> Sla,
    RetrospectivePack.CoverageSection Coverage,
    RetrospectivePack.ActionSection ActionItems,
    IReadOnlyList<RetrospectivePack.GoalRow> Goals,
    IReadOnlyList<RetrospectivePack.DisputeRow> Disputes,
    IReadOnlyList<RetrospectivePack.ActivationRow> Activations)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    [JsonIgnore]
    public string Label => $"Q{Quarter} {Year}";

    // A pack with no records (a quarter with nothing in it; the route tests' fixture).
    public static RetrospectivePack Empty(string tenant, int year, int quarter) =>
        new(tenant, "EUR", "UTC", year, quarter, new DateOnly(year, (quarter - 1) * 3 + 1, 1), new DateOnly(year, (quarter - 1) * 3 + 1, 1).AddMonths(3).AddDays(-1),
            new IncidentSection(0, 0, 0, [], []), new ValueSection([], []), [], new CoverageSection("", 0, 0, [], [], [], [], []),
            new ActionSection(0, 0, 0, 0, 0, new DateOnly(year, (quarter - 1) * 3 + 1, 1), []), [], [], []);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RetrospectivePack Read(string json) =>
        JsonSerializer.Deserialize<RetrospectivePack>(json, Json) ?? throw new InvalidOperationException("The retrospective's pack is empty.");

    // Incidents opened or closed in the quarter, with the impact stated at closing.
    public sealed record IncidentSection(int Count, int DowntimeMinutes, decimal ActualLoss, IReadOnlyList<SeverityRow> BySeverity, IReadOnlyList<IncidentRow> Items);

    public sealed record SeverityRow(AlertSeverity Severity, int Count, int DowntimeMinutes, decimal ActualLoss);

    public sealed record IncidentRow(long Id, string Title, AlertSeverity Severity, IncidentStatus Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt,
        string? BusinessService, int? DowntimeMinutes, decimal? ActualLoss, string? LossSource);

    // The value figures of each month of the quarter and the trend of the headline ones from the first month to the last.
    public sealed record ValueSection(IReadOnlyList<MonthFigures> Months, IReadOnlyList<TrendRow> Trend);

    // Source says where the month's figures come from: a published report's snapshot (what the customer was shown), a
    // draft's, or the value model computed at assembly for a month with no report yet.
    public sealed record MonthFigures(string Month, FigureSource Source, long? ReportId, string? ReportStatus, string? ReportHash, IReadOnlyList<Figure> Figures);

    public sealed record Figure(string Key, string Label, ValueUnit Unit, decimal? Value, decimal? Low, decimal? High);

    public sealed record TrendRow(string Key, string Label, ValueUnit Unit, IReadOnlyList<decimal?> Values, decimal? Change);

    // Deadlines met / decided per severity and month (from the value figures), and over the quarter when the counts are known.
    public sealed record SlaRow(string Severity, IReadOnlyList<decimal?> Months, int? Met, int? Decided, decimal? Quarter);

    public sealed record CoverageSection(string Method, int CoveredAtStart, int CoveredAtEnd, IReadOnlyList<Technique> Gained, IReadOnlyList<Technique> Lost,
        IReadOnlyList<RuleChange> RuleChanges, IReadOnlyList<SeenMonth> SeenInAlerts, IReadOnlyList<Technique> FirstSeenInQuarter);

    public sealed record Technique(string Id, string Name);

    public sealed record RuleChange(string RuleId, string Title, string Change, DateOnly On, bool EnabledNow);

    public sealed record SeenMonth(string Month, int Alerts, int Techniques);

    public sealed record ActionSection(int Created, int Done, int Dropped, int OpenAtEnd, int OverdueAtEnd, DateOnly CountedTo, IReadOnlyList<ActionRow> Overdue);

    public sealed record ActionRow(long Id, string Title, string Owner, DateOnly? DueOn, ActionItemStatus Status, ActionItemOrigin Origin);

    public sealed record GoalRow(long Id, string Title, string? MeasureKey, GoalComparison Comparison, double Target, string Unit, DateOnly? From, DateOnly? To,
        double? Measured, DateTimeOffset? MeasuredAt, string? MeasuredFrom, bool? Met, IReadOnlyList<decimal?> MonthlyFigure);

    public sealed record DisputeRow(long Id, long ReportId, string ReportMonth, string FigureKey, string Comment, DateTimeOffset At, string ReportStatus);

    public sealed record ActivationRow(long Id, DateTimeOffset DeclaredAt, string Reason, ActivationState State, long? IncidentId, bool? TargetMet,
        double? MinutesToQuorum);
}

public enum FigureSource
{
    PublishedReport,
    DraftReport,
    ComputedAtAssembly,
}
