using MsspPortal.Core.Events;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>From the parser's event to the stored row, clipped to the column sizes (SQL Server enforces them).</summary>
internal static class EventMapping
{
    public static SecurityEvent ToRow(NormalizedEvent e, RawBatch batch, int lineNumber, string rawLine, bool truncated, int lineRecord = 0) => new()
    {
        TenantId = batch.TenantId,
        LogSourceId = batch.LogSourceId,
        BatchId = batch.Id,
        LineNumber = lineNumber,
        LineRecord = lineRecord,
        Timestamp = e.Timestamp,
        ReceivedAt = batch.ReceivedAt,
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

    /// <summary>Rebuilds the normalised form of a stored event (rule tests over past events use it).</summary>
    public static NormalizedEvent ToNormalized(SecurityEvent row)
    {
        var e = new NormalizedEvent
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
        };
        return e;
    }

    private static string? Clip(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
