namespace MsspPortal.Core.Detection.Sigma;

/// <summary>
/// Sigma field names (Windows, web-server and generic taxonomies) onto our ECS names. A name we do not map is
/// looked up as-is in <see cref="Events.NormalizedEvent.Fields"/>, so vendor-specific rules still work when the
/// parser kept the original field name.
/// </summary>
public static class SigmaFieldMap
{
    private static readonly Dictionary<string, string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        ["IpAddress"] = "source.ip",
        ["src_ip"] = "source.ip",
        ["SourceIp"] = "source.ip",
        ["SourceAddress"] = "source.ip",
        ["ClientIP"] = "source.ip",
        ["c-ip"] = "source.ip",
        ["dst_ip"] = "destination.ip",
        ["DestinationIp"] = "destination.ip",
        ["DestinationAddress"] = "destination.ip",
        ["IpPort"] = "source.port",
        ["src_port"] = "source.port",
        ["SourcePort"] = "source.port",
        ["dst_port"] = "destination.port",
        ["DestinationPort"] = "destination.port",
        ["TargetUserName"] = "user.name",
        ["User"] = "user.name",
        ["UserName"] = "user.name",
        ["username"] = "user.name",
        ["AccountName"] = "user.name",
        ["Computer"] = "host.name",
        ["ComputerName"] = "host.name",
        ["Hostname"] = "host.name",
        ["c-uri"] = "url.original",
        ["cs-uri"] = "url.original",
        ["url"] = "url.original",
        ["QueryName"] = "dns.question.name",
        ["query"] = "dns.question.name",
        ["Hashes"] = "file.hash",
        ["md5"] = "file.hash",
        ["sha1"] = "file.hash",
        ["sha256"] = "file.hash",
    };

    public static string Map(string sigmaField, string? product = null, string? category = null)
    {
        if (Common.TryGetValue(sigmaField, out var mapped))
        {
            return mapped;
        }
        if (string.Equals(sigmaField, "EventID", StringComparison.OrdinalIgnoreCase) && string.Equals(product, "windows", StringComparison.OrdinalIgnoreCase))
        {
            return "rule.id";
        }
        if (string.Equals(sigmaField, "action", StringComparison.OrdinalIgnoreCase))
        {
            // In Sigma's authentication taxonomy "action" is success/failure; elsewhere it is what happened.
            return string.Equals(category, "authentication", StringComparison.OrdinalIgnoreCase) ? "event.outcome" : "event.action";
        }
        return sigmaField;
    }
}
