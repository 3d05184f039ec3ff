using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// Okta System Log events (user.session.start and the rest).
internal static class OktaMapper
{
    internal static void Map(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        ev.ObserverVendor = "Okta";
        ev.ObserverProduct = "Okta System Log";
        if (JsonLogParser.TryTime(JsonLogParser.String(root, "published"), options, out var time))
        {
            ev.Timestamp = time;
        }
        var eventType = JsonLogParser.String(root, "eventType");
        ev.RuleName = eventType;
        ev.RuleId = JsonLogParser.String(root, "uuid");
        ev.Message = JsonLogParser.String(root, "displayMessage");
        var actor = JsonLogParser.Child(root, "actor");
        ev.UserName = JsonLogParser.String(actor, "alternateId") ?? JsonLogParser.String(actor, "displayName");
        var client = JsonLogParser.Child(root, "client");
        ev.SourceIp = JsonLogParser.String(client, "ipAddress");
        var geo = JsonLogParser.Child(client, "geographicalContext");
        var country = JsonLogParser.String(geo, "country");
        if (country is not null)
        {
            // Okta reports the country name, not an ISO code; rules comparing countries only need it to be stable.
            ev.SourceCountry = country;
            ev.Fields["source.geo.country_name"] = country;
        }
        var result = JsonLogParser.String(JsonLogParser.Child(root, "outcome"), "result");
        ev.Outcome = result switch
        {
            "SUCCESS" or "ALLOW" => EventOutcome.Success,
            "FAILURE" or "DENY" => EventOutcome.Failure,
            _ => EventOutcome.Unknown,
        };
        ev.Severity = JsonLogParser.String(root, "severity") switch
        {
            "WARN" => 5,
            "ERROR" => 7,
            _ => 1,
        };
        if (eventType is "user.session.start" or "user.authentication.sso" or "user.authentication.auth_via_mfa")
        {
            ev.EventCategory = "authentication";
            ev.EventAction = ev.Outcome == EventOutcome.Failure ? "logon-failed" : "logon";
        }
        else
        {
            ev.EventCategory = eventType?.StartsWith("user.", StringComparison.Ordinal) == true ? "iam" : null;
            ev.EventAction = eventType;
        }
    }
}
