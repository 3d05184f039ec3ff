using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// Zeek (Bro) JSON in both dialects: dotted keys wrapped by log type ({"dns":{"id.orig_h":...}}) and flat
// underscored keys with an "@stream" envelope ({"@stream":"dns","id_orig_h":...}).
internal static class ZeekMapper
{
    internal static bool TryMap(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        string? stream;
        var record = root;
        if (root.TryGetProperty("ts", out _) && root.TryGetProperty("uid", out _))
        {
            stream = JsonLogParser.String(root, "@stream");
        }
        else if (SingleWrapped(root, out var name, out var inner))
        {
            stream = name;
            record = inner;
            // Fields were flattened as "dns.query"; also keep the log type for rules.
        }
        else
        {
            return false;
        }
        ev.ObserverVendor = "Zeek";
        ev.ObserverProduct = "Zeek";
        if (stream is not null)
        {
            ev.Fields["zeek.log"] = stream;
        }
        if (JsonLogParser.TryTime(JsonLogParser.String(record, "ts"), options, out var time))
        {
            ev.Timestamp = time;
        }
        ev.SourceIp = JsonLogParser.String(record, "id.orig_h") ?? JsonLogParser.String(record, "id_orig_h");
        ev.SourcePort = JsonLogParser.Port(record, "id.orig_p") ?? JsonLogParser.Port(record, "id_orig_p");
        ev.DestinationIp = JsonLogParser.String(record, "id.resp_h") ?? JsonLogParser.String(record, "id_resp_h");
        ev.DestinationPort = JsonLogParser.Port(record, "id.resp_p") ?? JsonLogParser.Port(record, "id_resp_p");
        var proto = JsonLogParser.String(record, "proto");
        ev.NetworkTransport = proto is null ? null : Numbers.Transport(proto);
        ev.HostName = JsonLogParser.String(root, "@system");
        ev.EventCategory = "network";
        ev.EventAction = stream;
        // files.log names its hosts in arrays: the sender (tx) and the receiver (rx).
        ev.SourceIp ??= First(record, "tx_hosts");
        ev.DestinationIp ??= First(record, "rx_hosts");
        switch (stream)
        {
            case "dns":
                ev.Domain = JsonLogParser.String(record, "query");
                break;
            case "http":
                ev.Domain = JsonLogParser.String(record, "host");
                ev.Url = JsonLogParser.String(record, "uri");
                ev.EventCategory = "web";
                break;
            case "notice":
                ev.RuleName = JsonLogParser.String(record, "note");
                ev.Message = JsonLogParser.String(record, "msg");
                ev.EventCategory = "intrusion_detection";
                ev.SourceIp ??= JsonLogParser.String(record, "src");
                ev.DestinationIp ??= JsonLogParser.String(record, "dst");
                break;
            default:
                break;
        }
        return true;
    }

    private static string? First(JsonElement record, string name) =>
        record.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array && array.GetArrayLength() > 0
            ? JsonLogParser.Text(array[0])
            : null;

    private static bool SingleWrapped(JsonElement root, out string? name, out JsonElement inner)
    {
        name = null;
        inner = default;
        var count = 0;
        foreach (var property in root.EnumerateObject())
        {
            if (++count > 1)
            {
                return false;
            }
            name = property.Name;
            inner = property.Value;
        }
        return count == 1 && inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("ts", out _);
    }
}
