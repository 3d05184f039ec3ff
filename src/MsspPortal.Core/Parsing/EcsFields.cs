using System.Globalization;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing;

// Sets a NormalizedEvent field by its ECS name, converting text to the property's type.
internal static class EcsFields
{
    internal static bool Set(NormalizedEvent ev, string ecs, string value, ParseOptions options)
    {
        switch (ecs)
        {
            case "@timestamp":
                if (Json.JsonLogParser.TryTime(value, options, out var time))
                {
                    ev.Timestamp = time;
                    return true;
                }
                return false;
            case "observer.vendor": ev.ObserverVendor = value; return true;
            case "observer.product": ev.ObserverProduct = value; return true;
            case "host.name": ev.HostName = value; return true;
            case "source.ip": ev.SourceIp = value; return true;
            case "destination.ip": ev.DestinationIp = value; return true;
            case "source.port":
                ev.SourcePort = Numbers.TryPort(value, out var sp) ? sp : null;
                return ev.SourcePort is not null;
            case "destination.port":
                ev.DestinationPort = Numbers.TryPort(value, out var dp) ? dp : null;
                return ev.DestinationPort is not null;
            case "network.transport": ev.NetworkTransport = Numbers.Transport(value); return true;
            case "user.name": ev.UserName = value; return true;
            case "event.action": ev.EventAction = value; return true;
            case "event.outcome":
                ev.Outcome = value.ToLowerInvariant() switch
                {
                    "success" or "succeeded" or "allow" or "allowed" or "true" => EventOutcome.Success,
                    "failure" or "failed" or "fail" or "deny" or "denied" or "false" => EventOutcome.Failure,
                    _ => EventOutcome.Unknown,
                };
                return true;
            case "event.category": ev.EventCategory = value; return true;
            case "event.severity":
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var severity))
                {
                    ev.Severity = (int)Math.Clamp(severity, 0, 10);
                    return true;
                }
                return false;
            case "rule.name": ev.RuleName = value; return true;
            case "rule.id": ev.RuleId = value; return true;
            case "message": ev.Message = value; return true;
            case "process.name": ev.ProcessName = value; return true;
            case "url.original": ev.Url = value; return true;
            case "url.domain" or "dns.question.name": ev.Domain = value; return true;
            case "file.hash": ev.FileHash = value; return true;
            case "source.geo.country_iso_code": ev.SourceCountry = value; return true;
            default:
                ev.Fields[ecs] = value;
                return true;
        }
    }
}
