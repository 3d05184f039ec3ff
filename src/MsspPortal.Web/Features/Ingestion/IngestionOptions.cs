namespace MsspPortal.Web.Features.Ingestion;

/// <summary>Settings under "Ingestion".</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest accepted HTTP body, after decompression; larger answers 413.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Accepted requests per minute per log source (its key, once verified); more answers 429.</summary>
    public int RequestsPerMinutePerKey { get; set; } = 600;

    /// <summary>Requests with a missing or wrong key per minute per client address; more answers 429 to that address.</summary>
    public int FailedAuthenticationsPerMinutePerAddress { get; set; } = 30;

    /// <summary>Longer lines are stored truncated (the event carries a flag); protects memory, not content.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Lines per stored chunk: the unit of one processing transaction. Processing holds two chunks (one written, the
    /// next parsed), and a collection that finds them alive copies them: the peak working set follows the chunk size.
    /// 3,000 keeps the bench at 253–275 MB for 1M and 3M events (4,000: 269–308 MB) for about 3 % of throughput
    /// (docs/performance.md).
    /// </summary>
    public int LinesPerChunk { get; set; } = 3000;

    /// <summary>
    /// How long a claimed batch (and its worker's hold on the tenant's detection) lasts without renewal before the sweep
    /// may hand it to another worker. The worker renews it every third of this while it works (a heartbeat), so it need
    /// not cover a long batch: short means a dead worker's batch resumes soon (this plus the sweep's 15 s).
    /// </summary>
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromSeconds(30);

    public SyslogOptions Syslog { get; set; } = new();
}

public sealed class SyslogOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Default 5514 so no root is needed; 0 disables that transport.</summary>
    public int UdpPort { get; set; } = 5514;

    public int TcpPort { get; set; } = 5514;

    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>A sender's lines are flushed into a batch at this many lines or after <see cref="FlushInterval"/>.</summary>
    public int FlushLines { get; set; } = 5000;

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);
}
