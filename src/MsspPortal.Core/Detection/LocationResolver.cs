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

    public string? Resolve(NormalizedEvent e)
    {
        if (!string.IsNullOrEmpty(e.SourceCountry))
        {
            return "country:" + e.SourceCountry.ToUpperInvariant();
        }
        if (e.SourceIp is null || !IPAddress.TryParse(e.SourceIp, out var address))
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
