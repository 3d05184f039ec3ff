using System.Net;
using System.Net.Sockets;

namespace MsspPortal.Core.Detection;

/// <summary>An address range such as 10.0.0.0/8 or fc00::/7. IPv4-mapped IPv6 addresses match their IPv4 range.</summary>
public sealed class CidrRange
{
    private readonly byte[] _network;
    private readonly int _prefixLength;

    private CidrRange(byte[] network, int prefixLength, string text)
    {
        _network = network;
        _prefixLength = prefixLength;
        Text = text;
    }

    public string Text { get; }

    public AddressFamily Family => _network.Length == 4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;

    public static CidrRange Parse(string text) =>
        TryParse(text, out var range) ? range : throw new FormatException($"'{text}' is not a CIDR range.");

    public static bool TryParse(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CidrRange? range)
    {
        range = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text.AsSpan().Trim() : text.AsSpan(0, slash).Trim();
        if (!IPAddress.TryParse(addressText, out var address))
        {
            return false;
        }
        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), out prefix) || prefix < 0 || prefix > bytes.Length * 8))
        {
            return false;
        }
        range = new CidrRange(bytes, prefix, text.Trim());
        return true;
    }

    public bool Contains(string? address) =>
        address is not null && IPAddress.TryParse(address, out var parsed) && Contains(parsed);

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6 && _network.Length == 4)
        {
            address = address.MapToIPv4();
        }
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != _network.Length)
        {
            return false;
        }
        var fullBytes = _prefixLength / 8;
        if (!bytes[..fullBytes].SequenceEqual(_network.AsSpan(0, fullBytes)))
        {
            return false;
        }
        var remainingBits = _prefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }
        var mask = (byte)(0xFF << (8 - remainingBits));
        return (bytes[fullBytes] & mask) == (_network[fullBytes] & mask);
    }

    public override string ToString() => Text;
}
