using System.Net;

namespace MsspPortal.Core.Intel;

// One spelling per value, so that list and event agree: lower-case domains and hashes, canonical addresses.
internal static class IndicatorValues
{
    public static string Normalize(IndicatorType type, string value)
    {
        var trimmed = value.Trim();
        return type switch
        {
            IndicatorType.IpAddress => IPAddress.TryParse(trimmed, out var address) ? address.ToString() : trimmed,
            IndicatorType.Domain => trimmed.TrimEnd('.').ToLowerInvariant(),
            IndicatorType.FileHash => trimmed.ToLowerInvariant(),
            _ => trimmed,
        };
    }

    public static bool TryParseType(string text, out IndicatorType type)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "ip" or "ipv4" or "ipv6" or "ip-address" or "ipv4-addr" or "ipv6-addr" or "address":
                type = IndicatorType.IpAddress;
                return true;
            case "domain" or "domain-name" or "hostname" or "fqdn":
                type = IndicatorType.Domain;
                return true;
            case "url" or "uri":
                type = IndicatorType.Url;
                return true;
            case "hash" or "file-hash" or "md5" or "sha1" or "sha-1" or "sha256" or "sha-256" or "file":
                type = IndicatorType.FileHash;
                return true;
            default:
                type = default;
                return false;
        }
    }
}
