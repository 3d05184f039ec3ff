using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// AWS CloudTrail records (one record per event; the S3 "Records" envelope is split beforehand).
internal static class CloudTrailMapper
{
    internal static void Map(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        ev.ObserverVendor = "AWS";
        ev.ObserverProduct = "CloudTrail";
        if (JsonLogParser.TryTime(JsonLogParser.String(root, "eventTime"), options, out var time))
        {
            ev.Timestamp = time;
        }
        var name = JsonLogParser.String(root, "eventName");
        ev.RuleName = name;
        ev.RuleId = JsonLogParser.String(root, "eventID");
        ev.SourceIp = JsonLogParser.String(root, "sourceIPAddress");
        ev.Fields["user_agent.original"] = JsonLogParser.String(root, "userAgent") ?? string.Empty;
        var identity = JsonLogParser.Child(root, "userIdentity");
        ev.UserName = JsonLogParser.String(identity, "userName") ?? JsonLogParser.String(identity, "arn")
            ?? JsonLogParser.String(identity, "principalId");
        ev.Domain = JsonLogParser.String(root, "eventSource");
        var error = JsonLogParser.String(root, "errorCode");
        ev.Outcome = error is null ? EventOutcome.Success : EventOutcome.Failure;
        if (name == "ConsoleLogin")
        {
            var result = JsonLogParser.String(JsonLogParser.Child(root, "responseElements"), "ConsoleLogin");
            ev.EventCategory = "authentication";
            ev.Outcome = result == "Success" ? EventOutcome.Success : EventOutcome.Failure;
            ev.EventAction = ev.Outcome == EventOutcome.Success ? "logon" : "logon-failed";
        }
        else
        {
            ev.EventAction = name;
            ev.EventCategory = JsonLogParser.String(root, "eventSource") == "iam.amazonaws.com" ? "iam" : "cloud";
        }
    }
}
