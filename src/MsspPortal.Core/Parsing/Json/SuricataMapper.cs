using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// Suricata EVE JSON: alert, dns, http, drop, flow and the rest by event_type.
internal static class SuricataMapper
{
    internal static void Map(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        ev.ObserverVendor = "OISF";
        ev.ObserverProduct = "Suricata";
        if (JsonLogParser.TryTime(JsonLogParser.String(root, "timestamp"), options, out var time))
        {
            ev.Timestamp = time;
        }
        ev.SourceIp = JsonLogParser.String(root, "src_ip");
        ev.SourcePort = JsonLogParser.Port(root, "src_port");
        ev.DestinationIp = JsonLogParser.String(root, "dest_ip");
        ev.DestinationPort = JsonLogParser.Port(root, "dest_port");
        var proto = JsonLogParser.String(root, "proto");
        ev.NetworkTransport = proto is null ? null : Numbers.Transport(proto);
        ev.HostName = JsonLogParser.String(root, "host");
        var type = JsonLogParser.String(root, "event_type");
        ev.EventAction = type;
        switch (type)
        {
            case "alert":
                var alert = JsonLogParser.Child(root, "alert");
                ev.EventCategory = "intrusion_detection";
                ev.RuleName = JsonLogParser.String(alert, "signature");
                ev.RuleId = JsonLogParser.String(alert, "signature_id");
                ev.EventAction = JsonLogParser.String(alert, "action") ?? "alert";
                ev.Outcome = ev.EventAction == "blocked" ? EventOutcome.Failure : EventOutcome.Success;
                // Suricata severity 1 is the most severe (of 1..4); map onto 0..10 with 1 → 10.
                if (int.TryParse(JsonLogParser.String(alert, "severity"), System.Globalization.CultureInfo.InvariantCulture, out var severity))
                {
                    ev.Severity = severity switch { 1 => 10, 2 => 7, 3 => 4, _ => 2 };
                }
                ev.Message = ev.RuleName;
                break;
            case "dns":
                ev.EventCategory = "network";
                ev.Domain = JsonLogParser.String(JsonLogParser.Child(root, "dns"), "rrname");
                break;
            case "http":
                var http = JsonLogParser.Child(root, "http");
                ev.EventCategory = "web";
                ev.Domain = JsonLogParser.String(http, "hostname");
                ev.Url = JsonLogParser.String(http, "url");
                break;
            case "drop":
                ev.EventCategory = "network";
                ev.EventAction = "connection-denied";
                ev.Outcome = EventOutcome.Failure;
                break;
            default:
                ev.EventCategory = "network";
                break;
        }
    }
}
