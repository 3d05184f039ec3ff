using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// Where a line came from: its batch (tenant, source, time of receipt) and its number in the batch.
public readonly record struct LineOrigin(Guid TenantId, long LogSourceId, long BatchId, DateTimeOffset ReceivedAt, int LineNumber);

/// <summary>
/// The one mapping between the parser's event and the stored row, both ways: ingestion stores rows, rule tests over
/// past events read them back. A column added here is added to both directions side by side.
/// </summary>
[PipelineEntryPoint]
internal static class EventMapping
{
    // Clipped to the column sizes (SQL Server enforces them).
    public static SecurityEvent ToRow(NormalizedEvent e, LineOrigin origin, string rawLine, bool truncated, int lineRecord = 0) => new()
    {
        TenantId = origin.TenantId,
        LogSourceId = origin.LogSourceId,
        BatchId = origin.BatchId,
        LineNumber = origin.LineNumber,
        LineRecord = lineRecord,
        Timestamp = e.Timestamp,
        ReceivedAt = origin.ReceivedAt,
        SourceIp = Clip(e.SourceIp, 45),
        SourcePort = e.SourcePort,
        DestinationIp = Clip(e.DestinationIp, 45),
        DestinationPort = e.DestinationPort,
        UserName = Clip(e.UserName, 256),
        HostName = Clip(e.HostName, 256),
        Action = Clip(e.EventAction, 64),
        Outcome = e.Outcome,
        Category = Clip(e.EventCategory, 64),
        Severity = Math.Clamp(e.Severity, 0, 10),
        VendorSignature = Clip(e.RuleName ?? e.RuleId, 512),
        Truncated = truncated,
        RawLine = rawLine,
    };

    // Stored events back into the engine's form, for re-running a rule over history.
    public static NormalizedEvent ToNormalized(SecurityEvent row) => new()
    {
        Timestamp = row.Timestamp,
        SourceIp = row.SourceIp,
        SourcePort = row.SourcePort,
        DestinationIp = row.DestinationIp,
        DestinationPort = row.DestinationPort,
        UserName = row.UserName,
        HostName = row.HostName,
        EventAction = row.Action,
        Outcome = row.Outcome,
        EventCategory = row.Category,
        Severity = row.Severity,
        RuleName = row.VendorSignature,
        Message = row.RawLine,
    };

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
