using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;
using EventColumn = MsspPortal.Web.Data.Bulk.BulkColumn<MsspPortal.Web.Domain.SecurityEvent>;
using HistoryColumn = MsspPortal.Web.Data.Bulk.BulkColumn<(MsspPortal.Web.Domain.Alert Alert, MsspPortal.Web.Domain.AlertHistory Row)>;
using LinkColumn = MsspPortal.Web.Data.Bulk.BulkColumn<(MsspPortal.Web.Domain.Alert Alert, long EventId)>;
using AlertColumn = MsspPortal.Web.Data.Bulk.BulkColumn<MsspPortal.Web.Domain.Alert>;
using SeededHistoryColumn = MsspPortal.Web.Data.Bulk.BulkColumn<(long AlertId, MsspPortal.Web.Domain.AlertHistory Row)>;

namespace MsspPortal.Web.Data.Bulk;

// Every table written with SQL past EF, one descriptor each; BulkTableTests check each against the model.
internal static class BulkTables
{
    // SQLite's per-statement work is paid once per 32 events (docs/performance.md); links and history stay one a statement.
    private const int EventRowsPerStatement = 32;

    // Alerts have more columns than events; 16 rows keep a statement near the events' parameter count.
    private const int AlertRowsPerStatement = 16;

    private static readonly string[] IdentityKey = [nameof(SecurityEvent.Id)];

    public static BulkTable<SecurityEvent> SecurityEvents { get; } = new(typeof(SecurityEvent), e => e.TenantId, EventRowsPerStatement, IdentityKey,
        EventColumn.Guid(nameof(SecurityEvent.TenantId), e => e.TenantId),
        EventColumn.Int64(nameof(SecurityEvent.LogSourceId), e => e.LogSourceId),
        EventColumn.NullableInt64(nameof(SecurityEvent.BatchId), e => e.BatchId),
        EventColumn.Int32(nameof(SecurityEvent.LineNumber), e => e.LineNumber),
        EventColumn.Time(nameof(SecurityEvent.Timestamp), e => e.Timestamp),
        EventColumn.Time(nameof(SecurityEvent.ReceivedAt), e => e.ReceivedAt),
        EventColumn.Text(nameof(SecurityEvent.SourceIp), e => e.SourceIp),
        EventColumn.NullableInt32(nameof(SecurityEvent.SourcePort), e => e.SourcePort),
        EventColumn.Text(nameof(SecurityEvent.DestinationIp), e => e.DestinationIp),
        EventColumn.NullableInt32(nameof(SecurityEvent.DestinationPort), e => e.DestinationPort),
        EventColumn.Text(nameof(SecurityEvent.UserName), e => e.UserName),
        EventColumn.Text(nameof(SecurityEvent.HostName), e => e.HostName),
        EventColumn.Text(nameof(SecurityEvent.Action), e => e.Action),
        EventColumn.EnumName(nameof(SecurityEvent.Outcome), e => e.Outcome),
        EventColumn.Text(nameof(SecurityEvent.Category), e => e.Category),
        EventColumn.Int32(nameof(SecurityEvent.Severity), e => e.Severity),
        EventColumn.Text(nameof(SecurityEvent.VendorSignature), e => e.VendorSignature),
        EventColumn.Bool(nameof(SecurityEvent.Truncated), e => e.Truncated),
        EventColumn.Text(nameof(SecurityEvent.RawLine), e => e.RawLine),
        EventColumn.Int32(nameof(SecurityEvent.LineRecord), e => e.LineRecord));

    // A link takes its alert's id after the alerts are saved, and its alert's tenant.
    public static BulkTable<(Alert Alert, long EventId)> AlertEvents { get; } = new(typeof(AlertEvent), l => l.Alert.TenantId, 1, IdentityKey,
        LinkColumn.Guid(nameof(AlertEvent.TenantId), l => l.Alert.TenantId),
        LinkColumn.Int64(nameof(AlertEvent.AlertId), l => l.Alert.Id),
        LinkColumn.Int64(nameof(AlertEvent.EventId), l => l.EventId));

    // A history row of an alert saved in the same transaction, which gives the row its AlertId.
    public static BulkTable<(Alert Alert, AlertHistory Row)> AlertHistory { get; } = new(typeof(AlertHistory), h => h.Row.TenantId, 1, IdentityKey,
        HistoryColumn.Guid(nameof(Domain.AlertHistory.TenantId), h => h.Row.TenantId),
        HistoryColumn.Int64(nameof(Domain.AlertHistory.AlertId), h => h.Alert.Id),
        HistoryColumn.Text(nameof(Domain.AlertHistory.UserId), h => h.Row.UserId),
        HistoryColumn.Time(nameof(Domain.AlertHistory.At), h => h.Row.At),
        HistoryColumn.Text(nameof(Domain.AlertHistory.Field), h => h.Row.Field),
        HistoryColumn.Text(nameof(Domain.AlertHistory.From), h => h.Row.From),
        HistoryColumn.Text(nameof(Domain.AlertHistory.To), h => h.Row.To),
        HistoryColumn.Text(nameof(Domain.AlertHistory.Reason), h => h.Row.Reason));

    // Alerts made by Alert.Raise and its triage methods, written in bulk by the volume seeder (mssp seed --alerts).
    public static BulkTable<Alert> Alerts { get; } = new(typeof(Alert), a => a.TenantId, AlertRowsPerStatement, IdentityKey,
        AlertColumn.Guid(nameof(Alert.TenantId), a => a.TenantId),
        AlertColumn.Text(nameof(Alert.RuleId), a => a.RuleId),
        AlertColumn.Text(nameof(Alert.Title), a => a.Title),
        AlertColumn.EnumNumber(nameof(Alert.Severity), a => a.Severity),
        AlertColumn.Int32(nameof(Alert.RiskScore), a => a.RiskScore),
        AlertColumn.Text(nameof(Alert.RiskBreakdown), a => a.RiskBreakdown),
        AlertColumn.EnumName(nameof(Alert.Status), a => a.Status),
        AlertColumn.Text(nameof(Alert.AssigneeId), a => a.AssigneeId),
        AlertColumn.Time(nameof(Alert.DetectedAt), a => a.DetectedAt),
        AlertColumn.NullableTime(nameof(Alert.AcknowledgedAt), a => a.AcknowledgedAt),
        AlertColumn.NullableTime(nameof(Alert.ResolvedAt), a => a.ResolvedAt),
        AlertColumn.NullableEnumName(nameof(Alert.Disposition), a => a.Disposition),
        AlertColumn.Text(nameof(Alert.DispositionReason), a => a.DispositionReason),
        AlertColumn.NullableTime(nameof(Alert.AcknowledgeDueAt), a => a.AcknowledgeDueAt),
        AlertColumn.NullableTime(nameof(Alert.ResolveDueAt), a => a.ResolveDueAt),
        AlertColumn.NullableTime(nameof(Alert.ClockPausedAt), a => a.ClockPausedAt),
        AlertColumn.Text(nameof(Alert.SourceIp), a => a.SourceIp),
        AlertColumn.Text(nameof(Alert.DestinationIp), a => a.DestinationIp),
        AlertColumn.Text(nameof(Alert.UserName), a => a.UserName),
        AlertColumn.Text(nameof(Alert.HostName), a => a.HostName),
        AlertColumn.Text(nameof(Alert.Techniques), a => a.Techniques),
        AlertColumn.Int32(nameof(Alert.EventCount), a => a.EventCount),
        AlertColumn.Int32(nameof(Alert.SuppressedCount), a => a.SuppressedCount),
        AlertColumn.Time(nameof(Alert.FirstSeen), a => a.FirstSeen),
        AlertColumn.Time(nameof(Alert.LastSeen), a => a.LastSeen),
        AlertColumn.NullableInt64(nameof(Alert.AssetId), a => a.AssetId),
        AlertColumn.NullableInt64(nameof(Alert.IncidentId), a => a.IncidentId),
        AlertColumn.Text(nameof(Alert.DedupKey), a => a.DedupKey),
        AlertColumn.Text(nameof(Alert.RuleAuthor), a => a.RuleAuthor),
        AlertColumn.NullableInt32(nameof(Alert.BaseRisk), a => a.BaseRisk),
        AlertColumn.NullableInt32(nameof(Alert.IntelConfidence), a => a.IntelConfidence),
        AlertColumn.Text(nameof(Alert.RiskFactors), a => a.RiskFactors),
        AlertColumn.NullableInt64(nameof(Alert.MergedIntoId), a => a.MergedIntoId));

    // The history of alerts written just before by Alerts: the alert's id comes from that insert, not from the entity.
    public static BulkTable<(long AlertId, AlertHistory Row)> AlertHistoryByAlertId { get; } = new(typeof(AlertHistory), h => h.Row.TenantId,
        EventRowsPerStatement, IdentityKey,
        SeededHistoryColumn.Guid(nameof(Domain.AlertHistory.TenantId), h => h.Row.TenantId),
        SeededHistoryColumn.Int64(nameof(Domain.AlertHistory.AlertId), h => h.AlertId),
        SeededHistoryColumn.Text(nameof(Domain.AlertHistory.UserId), h => h.Row.UserId),
        SeededHistoryColumn.Time(nameof(Domain.AlertHistory.At), h => h.Row.At),
        SeededHistoryColumn.Text(nameof(Domain.AlertHistory.Field), h => h.Row.Field),
        SeededHistoryColumn.Text(nameof(Domain.AlertHistory.From), h => h.Row.From),
        SeededHistoryColumn.Text(nameof(Domain.AlertHistory.To), h => h.Row.To),
        SeededHistoryColumn.Text(nameof(Domain.AlertHistory.Reason), h => h.Row.Reason));
}
