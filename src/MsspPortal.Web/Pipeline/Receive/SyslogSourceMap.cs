using System.Net;
using Microsoft.EntityFrameworkCore;
using MsspPortal.Web.Data;

namespace MsspPortal.Web.Pipeline;

public sealed record SyslogSource(Guid TenantId, long LogSourceId);

// Sender address → log source, from LogSource.SourceAddresses across all tenants. Cached: reloaded every
// RefreshInterval, and on a miss at most every MissRefreshInterval, so a flood from an unknown sender cannot turn
// into a query per datagram while a newly registered source is picked up quickly.
public sealed class SyslogSourceMap(IServiceScopeFactory scopes, TimeProvider clock, ILogger<SyslogSourceMap> logger) : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Dictionary<string, SyslogSource>? _map;
    private DateTimeOffset _loadedAt;

    public async ValueTask<SyslogSource?> FindAsync(IPAddress sender, CancellationToken cancellationToken)
    {
        var key = Normalize(sender);
        if (_map is null || clock.GetUtcNow() - _loadedAt >= RefreshInterval)
        {
            await ReloadAsync(RefreshInterval, cancellationToken);
        }
        if (_map!.TryGetValue(key, out var source))
        {
            return source;
        }
        await ReloadAsync(MissRefreshInterval, cancellationToken);
        return _map.GetValueOrDefault(key);
    }

    // Forgets the cache (after a source's addresses were edited, or in tests).
    public void Invalidate() => _map = null;

    public void Dispose() => _reload.Dispose();

    public static string Normalize(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private async Task ReloadAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have reloaded while this one waited.
            if (_map is not null && clock.GetUtcNow() - _loadedAt < olderThan)
            {
                return;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            // Platform-wide by nature: the address decides the tenant, as the key does for the HTTP API.
            var rows = await db.LogSources.IgnoreQueryFilters([PortalDbContext.TenantFilter]).AsNoTracking()
                .Where(s => s.SourceAddresses != "")
                .OrderBy(s => s.Id)
                .Select(s => new { s.Id, s.TenantId, s.SourceAddresses })
                .ToListAsync(cancellationToken);
            var map = new Dictionary<string, SyslogSource>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows)
            {
                foreach (var text in row.SourceAddresses.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!IPAddress.TryParse(text, out var address))
                    {
                        continue;
                    }
                    // Two sources claiming one address is a set-up error; the older source keeps it, visibly.
                    if (!map.TryAdd(Normalize(address), new SyslogSource(row.TenantId, row.Id)))
                    {
                        logger.LogWarning("Syslog address {Address} is claimed by several log sources; source {Kept} receives it, {Ignored} does not",
                            text, map[Normalize(address)].LogSourceId, row.Id);
                    }
                }
            }
            _map = map;
            _loadedAt = clock.GetUtcNow();
        }
        finally
        {
            _reload.Release();
        }
    }
}
