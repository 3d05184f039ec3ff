using MsspPortal.Core.Events;

namespace MsspPortal.Web.Domain;

// A normalised event: append-only, written in bulk by ingestion.
public sealed class SecurityEvent : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long LogSourceId { get; set; }

    // The batch and line it came from: provenance for triage and for exact replays.
    public long? BatchId { get; set; }

    public int LineNumber { get; set; }

    // Which record of the line: 0, unless one line held many (a CloudTrail "Records" envelope gives one event
    // each). With the batch and line it is unique, so the database itself refuses an event written twice.
    public int LineRecord { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string? SourceIp { get; set; }

    public int? SourcePort { get; set; }

    public string? DestinationIp { get; set; }

    public int? DestinationPort { get; set; }

    public string? UserName { get; set; }

    public string? HostName { get; set; }

    public string? Action { get; set; }

    public EventOutcome Outcome { get; set; }

    public string? Category { get; set; }

    // 0..10, the device's own scale normalised.
    public int Severity { get; set; }

    public string? VendorSignature { get; set; }

    // The line was longer than the limit and is stored cut.
    public bool Truncated { get; set; }

    // The line as received: attacker-controlled text, only ever rendered encoded.
    public string RawLine { get; set; } = "";
}
