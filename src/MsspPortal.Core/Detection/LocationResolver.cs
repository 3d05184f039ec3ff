using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Detection;

/// <summary>
/// Where a logon came from: the device's country when it reports one, else a country from a configurable
/// address-range table, else the source network (/24 for IPv4, /48 for IPv6) so that "never seen" still means something.
/// </summary>
public sealed class LocationResolver
{
    private readonly (CidrRange Range, string Country)[] _table;

    public LocationResolver(IEnumerable<KeyValuePair<string, string>>? cidrToCountry = null)
    {
        _table = cidrToCountry is null
            ? []
            : [.. cidrToCountry.Select(p => (CidrRange.Parse(p.Key), p.Value.ToUpperInvariant()))];
    }

    public static LocationResolver Empty { get; } = new();

    // Resolved places by the event's text: logons come from a few addresses and countries again and again, and
    // parsing each address anew (an IPAddress, its bytes, a second IPAddress and two strings per logon) was half of
    // the detection engine's allocations. Bounded: emptied when full, then refilled by the addresses still in use.
    private const int MaxCached = 8192;
    private readonly ConcurrentDictionary<string, string?> _byAddress = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byCountry = new(StringComparer.Ordinal);

    public string? Resolve(NormalizedEvent e)
    {
        if (!string.IsNullOrEmpty(e.SourceCountry))
        {
            return Cached(_byCountry, e.SourceCountry, ByCountry);
        }
        if (e.SourceIp is null)
        {
            return null;
        }
        return _table.Length == 0 && CanonicalIPv4Network(e.SourceIp) is var prefix and > 0
            ? Network(e.SourceIp.AsSpan(0, prefix))
            : Cached(_byAddress, e.SourceIp, _resolveAddress ??= ResolveAddress);
    }

    // Without a country table an IPv4 address in plain decimal resolves to its /24, named by its first three parts: one
    // entry per network, looked up by span (no string per logon), where an entry per address missed whenever the
    // addresses in use outnumbered the cache (a bench of 1M events: a quarter of the engine's time). Anything else
    // (IPv6, leading zeros, a table to consult) takes the parsing path.
    private string Network(ReadOnlySpan<char> prefix)
    {
        var lookup = _byNetwork.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(prefix, out var known))
        {
            return known;
        }
        if (Volatile.Read(ref _added) >= MaxCached)
        {
            Forget();
        }
        var network = string.Concat("network:", prefix, ".0/24");
        if (lookup.TryAdd(prefix, network))
        {
            Interlocked.Increment(ref _added);
        }
        return network;
    }

    private readonly ConcurrentDictionary<string, string> _byNetwork = new(StringComparer.Ordinal);

    // The length of "a.b.c" in "a.b.c.d" when the text is four decimal parts of 0-255 without leading zeros; else 0.
    internal static int CanonicalIPv4Network(ReadOnlySpan<char> text)
    {
        int parts = 0, digits = 0, value = 0, third = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '.')
            {
                if (digits == 0 || ++parts > 4)
                {
                    return 0;
                }
                if (parts == 3)
                {
                    third = i;
                }
                digits = value = 0;
                continue;
            }
            var c = text[i];
            if (c is < '0' or > '9' || (digits == 1 && value == 0) || ++digits > 3)
            {
                return 0;
            }
            value = value * 10 + (c - '0');
            if (value > 255)
            {
                return 0;
            }
        }
        return parts == 4 ? third : 0;
    }

    private Func<string, string?>? _resolveAddress;

    private static readonly Func<string, string> ByCountry = static country => "country:" + country.ToUpperInvariant();

    // The longest address text is an IPv6 address with an IPv4 tail (45 characters); longer text is not cached, so a
    // device sending junk in the field cannot fill the cache with long keys.
    private const int MaxKeyLength = 64;

    // Entries added since the caches were last emptied, both caches together (approximate under races, which only
    // moves the moment they are emptied): ConcurrentDictionary.Count takes every lock of the dictionary, and asking
    // it at each new address was a tenth of the engine's time in the bench.
    private int _added;

    private void Forget()
    {
        _byAddress.Clear();
        _byCountry.Clear();
        _byNetwork.Clear();
        Volatile.Write(ref _added, 0);
    }

    private TValue Cached<TValue>(ConcurrentDictionary<string, TValue> cache, string key, Func<string, TValue> resolve)
    {
        if (key.Length > MaxKeyLength)
        {
            return resolve(key);
        }
        if (cache.TryGetValue(key, out var known))
        {
            return known;
        }
        if (Volatile.Read(ref _added) >= MaxCached)
        {
            Forget();
        }
        var value = resolve(key);
        if (cache.TryAdd(key, value))
        {
            Interlocked.Increment(ref _added);
        }
        return value;
    }

    private string? ResolveAddress(string sourceIp)
    {
        if (!IPAddress.TryParse(sourceIp, out var address))
        {
            return null;
        }
        foreach (var (range, country) in _table)
        {
            if (range.Contains(address))
            {
                return "country:" + country;
            }
        }
        return "network:" + NetworkOf(address);
    }

    private static string NetworkOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var bytes = address.GetAddressBytes();
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 24 : 48;
        for (var i = prefix / 8; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }
        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
