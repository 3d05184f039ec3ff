using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MsspPortal.Web.Pipeline;

/// <summary>
/// What the syslog receive path could not keep, counted where it happened: datagrams the kernel dropped because the
/// socket's receive buffer was full (read from /proc/net/udp), datagrams the in-memory queue had no room for (counted
/// per sender address: the source is not known yet at that point), and lines over the line limit (per source). Shown
/// on the Ingestion page; <see cref="SyslogHealthCheck"/> turns /health/ready Degraded while any of them grows, and
/// while the spool cannot be written or stored.
/// </summary>
[PipelineEntryPoint]
public sealed class SyslogReceiveStats(TimeProvider clock)
{
    // How long a loss keeps the health check Degraded after it last grew.
    public static readonly TimeSpan LossWindow = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, ListenerCounters> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _overflowBySender = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, long> _lostBySource = new();
    private long _lastLossTicks;

    public DateTimeOffset? LastLossAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastLossTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    // Set while the spool cannot be written (disk full) or stored (database unavailable): the reason.
    public string? SpoolProblem { get; set; }

    public long SpoolBacklogSegments { get; set; }

    public ListenerCounters Listener(string name) => _listeners.GetOrAdd(name, n => new ListenerCounters(n));

    public IReadOnlyList<ListenerCounters> Listeners => [.. _listeners.Values.OrderBy(l => l.Name, StringComparer.Ordinal)];

    public IReadOnlyDictionary<string, long> OverflowBySender => _overflowBySender;

    public IReadOnlyDictionary<long, long> LostBySource => _lostBySource;

    public void QueueOverflow(ListenerCounters listener, string sender)
    {
        Interlocked.Increment(ref listener.QueueOverflowCount);
        // Bounded: spoofed senders cannot grow the map without limit; the listener total stays exact.
        if (_overflowBySender.Count < 10_000 || _overflowBySender.ContainsKey(sender))
        {
            _overflowBySender.AddOrUpdate(sender, 1, (_, n) => n + 1);
        }
        MarkLoss();
    }

    public void LostForSource(long logSourceId, long lines)
    {
        _lostBySource.AddOrUpdate(logSourceId, lines, (_, n) => n + lines);
        MarkLoss();
    }

    // Records the kernel's drop count for the socket; returns how much it grew since the last reading.
    public long KernelDrops(ListenerCounters listener, long total)
    {
        var grown = total - Interlocked.Exchange(ref listener.KernelDropCount, total);
        if (grown > 0 && listener.KernelBaselineKnown)
        {
            MarkLoss();
            return grown;
        }
        listener.KernelBaselineKnown = true;
        return 0;
    }

    public bool LossGrowing => LastLossAt is { } last && clock.GetUtcNow() - last < LossWindow;

    private void MarkLoss() => Interlocked.Exchange(ref _lastLossTicks, clock.GetUtcNow().UtcTicks);

    public sealed class ListenerCounters(string name)
    {
        internal long QueueOverflowCount;
        internal long KernelDropCount;
        internal long ReceivedCount;

        public string Name { get; } = name;

        public long QueueOverflow => Interlocked.Read(ref QueueOverflowCount);

        // The kernel's count for this socket (since it was opened); -1 where the platform does not tell.
        public long KernelDrops => KernelBaselineKnown ? Interlocked.Read(ref KernelDropCount) : -1;

        public long Received => Interlocked.Read(ref ReceivedCount);

        // The receive buffer the kernel granted, in bytes (it may cap what was asked).
        public int ReceiveBufferBytes { get; set; }

        internal bool KernelBaselineKnown { get; set; }

        internal void CountReceived() => Interlocked.Increment(ref ReceivedCount);
    }
}

// Degraded while syslog loses lines (kernel drops, queue overflow) or the spool is stuck; the reason says which.
internal sealed class SyslogHealthCheck(SyslogReceiveStats stats) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        if (stats.SpoolProblem is { } problem)
        {
            problems.Add("Syslog spool: " + problem);
        }
        if (stats.LossGrowing)
        {
            var listeners = string.Join(", ", stats.Listeners.Select(l => $"{l.Name}: {l.QueueOverflow} queue overflow, {Math.Max(0, l.KernelDrops)} kernel drops"));
            var sources = stats.LostBySource.Sum(s => s.Value);
            problems.Add($"Syslog lines were lost in the last {SyslogReceiveStats.LossWindow.TotalMinutes:0} minutes ({listeners}; {sources} not kept per source)");
        }
        return Task.FromResult(problems.Count > 0
            ? HealthCheckResult.Degraded(string.Join("; ", problems))
            : HealthCheckResult.Healthy($"{stats.SpoolBacklogSegments} spool segment(s) waiting"));
    }
}
