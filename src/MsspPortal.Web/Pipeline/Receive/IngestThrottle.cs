using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MsspPortal.Web.Pipeline;

// Two limits for the ingestion API. Failed authentications count per client address, so guessing keys from one
// address ends in 429 there. Accepted requests count per authenticated log source, so a flood from one device
// cannot starve the others. Neither is keyed on anything an unauthenticated caller chooses: a key's visible prefix
// was, and 650 guesses on a real source's prefix silenced that source's device.
public sealed class IngestThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;
    private readonly PartitionedRateLimiter<long> _perSource;

    public IngestThrottle(IOptions<IngestionOptions> options)
    {
        var settings = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => Window(settings.FailedAuthenticationsPerMinutePerAddress)));
        _perSource = PartitionedRateLimiter.Create<long, long>(source => RateLimitPartition.GetFixedWindowLimiter(source, _ => Window(settings.RequestsPerMinutePerKey)));
    }

    // How long the address must wait after too many failed authentications; null when it may try.
    public TimeSpan? FailuresExhausted(IPAddress? address)
    {
        // Zero permits asks without spending: only failures spend this budget.
        using var lease = _failures.AttemptAcquire(Partition(address), 0);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public void RecordFailure(IPAddress? address)
    {
        using var lease = _failures.AttemptAcquire(Partition(address));
    }

    // Counts one authenticated request of the source; null when allowed, else how long to wait.
    public TimeSpan? TryAccept(long logSourceId)
    {
        using var lease = _perSource.AttemptAcquire(logSourceId);
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    public void Dispose()
    {
        _failures.Dispose();
        _perSource.Dispose();
    }

    private static string Partition(IPAddress? address) => address?.ToString() ?? "unknown";

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);

    private static FixedWindowRateLimiterOptions Window(int perMinute) => new()
    {
        PermitLimit = Math.Max(1, perMinute),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };
}
