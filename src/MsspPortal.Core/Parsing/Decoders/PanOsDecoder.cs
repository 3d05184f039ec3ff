using System.Globalization;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

// Palo Alto PAN-OS syslog CSV (TRAFFIC and THREAT, PAN-OS 6.x/7.x field order; later versions only append).
internal static class PanOsDecoder
{
    // Field positions shared by TRAFFIC and THREAT.
    private const int Serial = 2, Type = 3, Subtype = 4, Generated = 6, Src = 7, Dst = 8, NatSrc = 9, NatDst = 10, Rule = 11,
        SrcUser = 12, DstUser = 13, App = 14, Vsys = 15, FromZone = 16, ToZone = 17, SessionId = 22, SrcPort = 24, DstPort = 25,
        Proto = 29, Action = 30;

    // THREAT only.
    private const int Misc = 31, ThreatId = 32, ThreatCategory = 33, ThreatSeverity = 34, Direction = 35, ThreatSrcLoc = 38, ThreatDstLoc = 39;

    // TRAFFIC only.
    private const int Bytes = 31, BytesSent = 32, BytesReceived = 33, Packets = 34, TrafficCategory = 37, TrafficSrcLoc = 41, TrafficDstLoc = 42;

    internal static bool TryDecode(NormalizedEvent ev, string message, ParseOptions options)
    {
        var span = message.AsSpan();
        var firstComma = span.IndexOf(',');
        if (firstComma < 1 || firstComma > 3 || span[..firstComma].ContainsAnyExceptInRange('0', '9')
            || (!span.Contains(",TRAFFIC,", StringComparison.Ordinal) && !span.Contains(",THREAT,", StringComparison.Ordinal)))
        {
            return false;
        }
        var f = SplitCsv(message);
        if (f.Count <= Action || (f[Type] != "TRAFFIC" && f[Type] != "THREAT"))
        {
            return false;
        }
        var threat = f[Type] == "THREAT";
        ev.ObserverVendor = "Palo Alto Networks";
        ev.ObserverProduct = "PAN-OS";
        ev.EventCategory = threat ? "intrusion_detection" : "network";
        if (TryTime(f[Generated], options.TimeZone, out var time))
        {
            ev.Timestamp = time;
        }
        ev.SourceIp = NullIfEmpty(f[Src]);
        ev.DestinationIp = NullIfEmpty(f[Dst]);
        ev.UserName = NullIfEmpty(f[SrcUser]) ?? NullIfEmpty(f[DstUser]);
        ev.SourcePort = Numbers.TryPort(f[SrcPort], out var sp) ? sp : null;
        ev.DestinationPort = Numbers.TryPort(f[DstPort], out var dp) ? dp : null;
        ev.NetworkTransport = NullIfEmpty(f[Proto]);
        var action = f[Action];
        ev.EventAction = action switch
        {
            "allow" => "connection-allowed",
            "alert" => "alert",
            _ => "connection-denied",
        };
        ev.Outcome = action is "allow" or "alert" ? EventOutcome.Success : EventOutcome.Failure;
        ev.Message = message;

        var fields = ev.Fields;
        Put(fields, "panos.serial", f[Serial]);
        Put(fields, "panos.type", f[Type]);
        Put(fields, "panos.subtype", f[Subtype]);
        Put(fields, "panos.action", action);
        Put(fields, "panos.rule", f[Rule]);
        Put(fields, "panos.app", f[App]);
        Put(fields, "panos.vsys", f[Vsys]);
        Put(fields, "panos.from_zone", f[FromZone]);
        Put(fields, "panos.to_zone", f[ToZone]);
        Put(fields, "panos.session_id", f[SessionId]);
        Put(fields, "source.nat.ip", f[NatSrc]);
        Put(fields, "destination.nat.ip", f[NatDst]);
        Put(fields, "destination.user.name", f[DstUser]);
        if (threat)
        {
            DecodeThreat(ev, f);
        }
        else
        {
            DecodeTraffic(ev, f);
        }
        return true;
    }

    private static void DecodeThreat(NormalizedEvent ev, List<string> f)
    {
        if (f.Count <= ThreatSeverity)
        {
            return;
        }
        var subtype = f[Subtype];
        var misc = f[Misc];
        if (subtype == "url")
        {
            ev.Url = NullIfEmpty(misc);
        }
        else
        {
            Put(ev.Fields, "panos.misc", misc);
        }
        // "HTTP: IIS Denial Of Service Attempt(40019)": name, then the threat id in parentheses.
        var threat = f[ThreatId];
        var open = threat.LastIndexOf('(');
        if (open > 0 && threat.EndsWith(')'))
        {
            ev.RuleName = threat[..open];
            ev.RuleId = threat[(open + 1)..^1];
        }
        else
        {
            ev.RuleName = NullIfEmpty(threat);
        }
        Put(ev.Fields, "panos.threat_category", f[ThreatCategory]);
        ev.Severity = f[ThreatSeverity] switch
        {
            "informational" => 1,
            "low" => 3,
            "medium" => 5,
            "high" => 8,
            "critical" => 10,
            _ => 0,
        };
        if (f.Count > Direction)
        {
            Put(ev.Fields, "network.direction", f[Direction]);
        }
        if (f.Count > ThreatDstLoc)
        {
            SetLocations(ev, f[ThreatSrcLoc], f[ThreatDstLoc]);
        }
    }

    private static void DecodeTraffic(NormalizedEvent ev, List<string> f)
    {
        if (f.Count > Packets)
        {
            Put(ev.Fields, "network.bytes", f[Bytes]);
            Put(ev.Fields, "source.bytes", f[BytesSent]);
            Put(ev.Fields, "destination.bytes", f[BytesReceived]);
            Put(ev.Fields, "network.packets", f[Packets]);
        }
        if (f.Count > TrafficCategory)
        {
            Put(ev.Fields, "panos.url_category", f[TrafficCategory]);
        }
        if (f.Count > TrafficDstLoc)
        {
            SetLocations(ev, f[TrafficSrcLoc], f[TrafficDstLoc]);
        }
    }

    // A location is a country code, or an address range when the address is private.
    private static void SetLocations(NormalizedEvent ev, string src, string dst)
    {
        if (src.Length == 2)
        {
            ev.SourceCountry = src;
        }
        else
        {
            Put(ev.Fields, "panos.source_location", src);
        }
        if (dst.Length == 2)
        {
            ev.Fields["destination.geo.country_iso_code"] = dst;
        }
        else
        {
            Put(ev.Fields, "panos.destination_location", dst);
        }
    }

    private static bool TryTime(string value, TimeZoneInfo zone, out DateTimeOffset utc)
    {
        utc = default;
        if (!DateTime.TryParseExact(value, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }
        return SyslogTimestamps.TryBuild(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, 0, zone, out utc);
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(64);
        var i = 0;
        while (i <= line.Length)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.Append(line[i]);
                    i++;
                }
                var comma = line.IndexOf(',', i);
                fields.Add(sb.ToString());
                i = comma < 0 ? line.Length + 1 : comma + 1;
                continue;
            }
            var next = line.IndexOf(',', i);
            if (next < 0)
            {
                fields.Add(line[i..].TrimEnd());
                break;
            }
            fields.Add(line[i..next]);
            i = next + 1;
        }
        return fields;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static void Put(Dictionary<string, string> fields, string key, string value)
    {
        if (value.Length > 0)
        {
            fields[key] = value;
        }
    }
}
