using MsspPortal.Core.Events;

namespace MsspPortal.Web.Pipeline;

// Settings under "Ingestion".
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    // Largest accepted HTTP body, after decompression; larger answers 413.
    public long MaxBodyBytes { get; set; } = 64 * 1024 * 1024;

    // Accepted requests per minute per log source (its key, once verified); more answers 429.
    public int RequestsPerMinutePerKey { get; set; } = 600;

    // Requests with a missing or wrong key per minute per client address; more answers 429 to that address.
    public int FailedAuthenticationsPerMinutePerAddress { get; set; } = 30;

    // The longest line kept for a source that sends text (syslog, CEF, LEEF): a longer one fails its batch with a
    // clear error (HTTP 413) rather than be stored cut. Also the longest syslog frame over TCP.
    public int MaxLineBytes { get; set; } = 64 * 1024;

    // The longest line kept for a source whose format is JSON or Auto (a CloudTrail file is one line of many
    // megabytes; its records are split into lines of their own as it is stored). Held in memory once per request
    // being stored.
    public int MaxJsonLineBytes { get; set; } = 16 * 1024 * 1024;

    // Lines per stored chunk: the unit of one processing transaction. Processing holds two chunks (one written, the
    // next parsed), and a collection that finds them alive copies them: the peak working set follows the chunk
    // size. 3,000 keeps the bench at 253–275 MB for 1M and 3M events (4,000: 269–308 MB) for about 3 % of
    // throughput (docs/performance.md).
    public int LinesPerChunk { get; set; } = 3000;

    // How long a claimed batch (and its worker's hold on the tenant's detection) lasts without renewal before the
    // sweep may hand it to another worker. The worker renews it every third of this while it works (a heartbeat),
    // so it need not cover a long batch: short means a dead worker's batch resumes soon (this plus the sweep's 15
    // s).
    public TimeSpan ProcessingLease { get; set; } = TimeSpan.FromSeconds(30);

    public SyslogOptions Syslog { get; set; } = new();

    // A source's line limit: JSON can come as one huge line, text formats cannot.
    public int LineLimitFor(LogFormat format) => format is LogFormat.Json or LogFormat.Auto ? Math.Max(MaxJsonLineBytes, MaxLineBytes) : MaxLineBytes;

    // The zone a zone-less timestamp is read in: the source's devices' own, else the tenant's, else UTC.
    public static TimeZoneInfo ZoneFor(string? sourceZone, string tenantZone) =>
        sourceZone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(sourceZone, out var own) ? own
        : TimeZoneInfo.TryFindSystemTimeZoneById(tenantZone, out var tenant) ? tenant
        : TimeZoneInfo.Utc;
}

public sealed class SyslogOptions
{
    public bool Enabled { get; set; } = true;

    // Default 5514 so no root is needed; 0 disables that transport.
    public int UdpPort { get; set; } = 5514;

    public int TcpPort { get; set; } = 5514;

    public string BindAddress { get; set; } = "0.0.0.0";

    // A spool segment is sealed (and stored as one batch per source) at this many lines or after FlushInterval.
    public int FlushLines { get; set; } = 5000;

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    // Messages held in memory between the sockets and the spool writer. UDP datagrams beyond it are dropped and
    // counted (queue overflow); TCP readers wait for room. 200,000 small lines are about 40 MB at most.
    public int QueueCapacity { get; set; } = 200_000;

    // The UDP socket's receive buffer (SO_RCVBUF) asked of the kernel: what absorbs a burst while the process is
    // busy. Linux caps it at net.core.rmem_max (often 208 KB) unless that is raised; the listener warns when it was
    // capped.
    public int UdpReceiveBufferBytes { get; set; } = 8 * 1024 * 1024;

    // How often the kernel's drop count for the UDP socket is read (Linux /proc/net/udp).
    public TimeSpan DropCheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
