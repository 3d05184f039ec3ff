using System.Globalization;

namespace MsspPortal.Core.Parsing;

internal static class Numbers
{
    internal static bool TryPort(ReadOnlySpan<char> s, out int port) =>
        int.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    internal static bool TryInt(ReadOnlySpan<char> s, out int value) =>
        int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    internal static bool TryLong(ReadOnlySpan<char> s, out long value) =>
        long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    // Lower-cases a transport name, reusing constants for the common ones.
    internal static string Transport(ReadOnlySpan<char> s)
    {
        if (s.Equals("tcp", StringComparison.OrdinalIgnoreCase))
        {
            return "tcp";
        }
        if (s.Equals("udp", StringComparison.OrdinalIgnoreCase))
        {
            return "udp";
        }
        if (s.Equals("icmp", StringComparison.OrdinalIgnoreCase))
        {
            return "icmp";
        }
        return s.ToString().ToLowerInvariant();
    }
}
