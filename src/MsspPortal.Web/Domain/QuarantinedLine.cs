namespace MsspPortal.Web.Domain;

// A line no parser accepted: kept with the reason, shown per source, reprocessable after a parser fix.
public sealed class QuarantinedLine : ITenantOwned
{
    private QuarantinedLine()
    {
    }

    // NUL cannot be shown (nor stored in every text column): ␀ (U+2400) stands for it, and the bytes keep the original.
    public static QuarantinedLine Hold(Guid tenantId, long logSourceId, long batchId, int lineNumber, DateTimeOffset receivedAt,
        string reason, string raw, ReadOnlySpan<byte> received, bool truncated) => new()
    {
        TenantId = tenantId,
        LogSourceId = logSourceId,
        BatchId = batchId,
        LineNumber = lineNumber,
        ReceivedAt = receivedAt,
        Reason = reason,
        RawLine = raw.Replace('\0', '\u2400'),
        RawBytes = raw.Contains('\0', StringComparison.Ordinal) ? received.ToArray() : null,
        Truncated = truncated,
    };

    // A reprocess parsed it: it leaves the quarantine, once.
    public void Release(DateTimeOffset at)
    {
        if (ReleasedAt is not null)
        {
            throw new InvalidOperationException($"Quarantined line {Id} was released already.");
        }
        ReleasedAt = at;
    }

    // Its transaction rolled back: the id the database gave it no longer exists, and a retry inserts it again.
    public void Unsaved() => Id = 0;

    // A reprocess still could not parse it: the newest reason is the one worth reading.
    public void StillRefused(string reason) => Reason = reason;

    public long Id { get; private set; }

    public Guid TenantId { get; private set; }

    public long LogSourceId { get; private set; }

    public long BatchId { get; private set; }

    public int LineNumber { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public string Reason { get; private set; } = "";

    // Attacker-controlled; rendered encoded only. A NUL byte appears as ␀ (U+2400): text columns and pages end
    // strings at NUL, and a line of 1,000 NULs was once stored as nothing (issue 11.4).
    public string RawLine { get; private set; } = "";

    // The line's bytes exactly as received, kept when RawLine cannot carry them (it held a NUL).
    public byte[]? RawBytes { get; private set; }

    public bool Truncated { get; private set; }

    // Set when a reprocess parsed it into an event.
    public DateTimeOffset? ReleasedAt { get; private set; }
}
