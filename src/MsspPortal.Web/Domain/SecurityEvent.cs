using MsspPortal.Core.Events;

namespace MsspPortal.Web.Domain;

/// <summary>A normalised event: append-only, written in bulk by ingestion.</summary>
public sealed class SecurityEvent : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long LogSourceId { get; set; }

    /// <summary>The batch and line it came from: provenance for triage and for exact replays.</summary>
    public long? BatchId { get; set; }

    public int LineNumber { get; set; }

    /// <summary>
    /// Which record of the line: 0, unless one line held many (a CloudTrail "Records" envelope gives one event each).
    /// With the batch and line it is unique, so the database itself refuses an event written twice.
    /// </summary>
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

    /// <summary>0..10, the device's own scale normalised.</summary>
    public int Severity { get; set; }

    public string? VendorSignature { get; set; }

    /// <summary>The line was longer than the limit and is stored cut.</summary>
    public bool Truncated { get; set; }

    /// <summary>The line as received: attacker-controlled text, only ever rendered encoded.</summary>
    public string RawLine { get; set; } = "";
}
