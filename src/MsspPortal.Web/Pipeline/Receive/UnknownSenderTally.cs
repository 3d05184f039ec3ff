using System.Text;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

// Counts messages from senders no log source claims, in memory, and upserts UnknownSyslogSender rows on each flush:
// one write per address per flush, never one per datagram (an unknown flood must not become a database flood).
// Warns at most once a minute per address for the same reason.
public sealed class UnknownSenderTally(IServiceScopeFactory scopes, TimeProvider clock, MaskingPolicies masking, ILogger<UnknownSenderTally> logger)
{
    public const int SampleLength = 512;

    public static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);

    // Warned addresses are bounded so that spoofed sources cannot grow this map without limit.
    private const int MaxTrackedAddresses = 10_000;

    private readonly Dictionary<string, Pending> _pending = [];
    private readonly Dictionary<string, DateTimeOffset> _warned = [];

    public void Record(string address, ReadOnlySpan<byte> message)
    {
        var now = clock.GetUtcNow();
        bool warn;
        lock (_pending)
        {
            if (!_pending.TryGetValue(address, out var pending))
            {
                if (_pending.Count >= MaxTrackedAddresses)
                {
                    return;
                }
                pending = new Pending(now);
                _pending.Add(address, pending);
            }
            pending.Count++;
            pending.LastSeen = now;
            // Kept longer than stored, so a value cut by the clip is still whole when it is masked.
            pending.Sample = message.Length > 4 * SampleLength ? message[..(4 * SampleLength)].ToArray() : message.ToArray();
            warn = !_warned.TryGetValue(address, out var last) || now - last >= WarningInterval;
            if (warn)
            {
                if (_warned.Count >= MaxTrackedAddresses)
                {
                    _warned.Clear();
                }
                _warned[address] = now;
            }
        }
        if (warn)
        {
            logger.LogWarning("Syslog from unknown sender {Address} is not accepted: no log source lists this address", address);
        }
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, Pending> batch;
        lock (_pending)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            batch = new Dictionary<string, Pending>(_pending);
            _pending.Clear();
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var addresses = batch.Keys.ToList();
            var rows = await db.UnknownSyslogSenders.Where(u => addresses.Contains(u.Address)).ToDictionaryAsync(u => u.Address, cancellationToken);
            foreach (var (address, pending) in batch)
            {
                if (!rows.TryGetValue(address, out var row))
                {
                    row = new UnknownSyslogSender { Address = address, FirstSeen = pending.FirstSeen };
                    db.UnknownSyslogSenders.Add(row);
                }
                row.Datagrams += pending.Count;
                row.LastSeen = pending.LastSeen;
                // Attacker-controlled: stored clipped, rendered encoded. It belongs to no tenant, so the platform's default
                // masking applies (every kind), before the clip.
                var sample = masking.Platform.Mask(Encoding.UTF8.GetString(pending.Sample));
                row.LastSample = sample.Length > SampleLength ? sample[..SampleLength] : sample;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another worker inserted the same address first (unique index): fold the counts back for the next flush.
            logger.LogWarning(ex, "Unknown syslog senders not saved this time; retrying on the next flush");
            lock (_pending)
            {
                foreach (var (address, pending) in batch)
                {
                    if (_pending.TryGetValue(address, out var newer))
                    {
                        newer.Count += pending.Count;
                        newer.FirstSeen = pending.FirstSeen;
                    }
                    else
                    {
                        _pending[address] = pending;
                    }
                }
            }
        }
    }

    private sealed class Pending(DateTimeOffset firstSeen)
    {
        public DateTimeOffset FirstSeen { get; set; } = firstSeen;

        public DateTimeOffset LastSeen { get; set; } = firstSeen;

        public long Count { get; set; }

        public byte[] Sample { get; set; } = [];
    }
}
