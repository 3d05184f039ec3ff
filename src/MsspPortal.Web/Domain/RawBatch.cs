namespace MsspPortal.Web.Domain;

/// <summary>
/// Log lines as received, stored before they are acknowledged. The batch carries its own processing state, so a
/// sweep can finish whatever a crash interrupted; Hangfire only schedules.
/// </summary>
public sealed class RawBatch : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long LogSourceId { get; set; }

    public IngestChannel Channel { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>SHA-256 of the content, hex: the same content sent twice is recognised.</summary>
    public string ContentHash { get; set; } = "";

    public int LineCount { get; set; }

    public long ByteCount { get; set; }

    public int ChunkCount { get; set; }

    /// <summary>
    /// Chunks are processed in sequence, each in one transaction with this count: those below it are done. A retry
    /// or a second worker resumes here and never writes a chunk twice.
    /// </summary>
    public int ChunksProcessed { get; set; }

    public BatchState State { get; set; } = BatchState.Pending;

    /// <summary>
    /// Set when a worker claims the batch; a sweep may reclaim it once this has passed. While the batch is
    /// <see cref="BatchState.Receiving"/>, each stored chunk moves it on: a stalled upload is abandoned once it passes.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    public int Attempts { get; set; }

    public int EventsWritten { get; set; }

    public int LinesQuarantined { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>Set when this batch repeats an earlier one of the same source (same hash): kept, not reprocessed.</summary>
    public long? DuplicateOfBatchId { get; set; }
}

/// <summary>
/// A slice of a batch's lines, written once: processing never updates it (SQLite rewrites a whole row, blob and all,
/// on any update — a "processed" flag here cost a megabyte of writes per chunk). Progress is
/// <see cref="RawBatch.ChunksProcessed"/>.
/// </summary>
public sealed class RawBatchChunk : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long BatchId { get; set; }

    public int Sequence { get; set; }

    /// <summary>Line number (1-based, within the batch) of the chunk's first line.</summary>
    public int FirstLine { get; set; }

    public int LineCount { get; set; }

    /// <summary>The lines as received, newline-separated, bytes untouched (invalid UTF-8 is replaced at parse time).</summary>
    public byte[] Content { get; set; } = [];
}

public enum IngestChannel
{
    Api,
    Syslog,
    Upload,
    Cli,
}

public enum BatchState
{
    Pending,
    Processing,
    Done,
    Duplicate,
    Failed,

    /// <summary>
    /// Still arriving: chunks are committed as they are read, the batch is not acknowledged and never processed.
    /// One that stops arriving (the sender went away, the process died) is removed by the sweep once its
    /// <see cref="RawBatch.LeaseUntil"/> has passed.
    /// </summary>
    Receiving,
}

/// <summary>A line no parser accepted: kept with the reason, shown per source, reprocessable after a parser fix.</summary>
public sealed class QuarantinedLine : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    public long LogSourceId { get; set; }

    public long BatchId { get; set; }

    public int LineNumber { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public string Reason { get; set; } = "";

    /// <summary>
    /// Attacker-controlled; rendered encoded only. A NUL byte appears as ␀ (U+2400): text columns and pages end strings
    /// at NUL, and a line of 1,000 NULs was once stored as nothing (issue 11.4).
    /// </summary>
    public string RawLine { get; set; } = "";

    /// <summary>The line's bytes exactly as received, kept when <see cref="RawLine"/> cannot carry them (it held a NUL).</summary>
    public byte[]? RawBytes { get; set; }

    public bool Truncated { get; set; }

    /// <summary>Set when a reprocess parsed it into an event.</summary>
    public DateTimeOffset? ReleasedAt { get; set; }
}

/// <summary>A syslog sender no log source claims: counted and shown to admins, never silently accepted.</summary>
public sealed class UnknownSyslogSender
{
    public long Id { get; set; }

    public string Address { get; set; } = "";

    public long Datagrams { get; set; }

    public DateTimeOffset FirstSeen { get; set; }

    public DateTimeOffset LastSeen { get; set; }

    public string? LastSample { get; set; }
}
