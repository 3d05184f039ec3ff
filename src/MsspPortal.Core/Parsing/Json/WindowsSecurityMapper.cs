using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// Windows Security events exported flat by NXLog/Winlogbeat-style shippers (EventID, TargetUserName, IpAddress...).
internal static class WindowsSecurityMapper
{
    internal static void Map(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        ev.ObserverVendor = "Microsoft";
        ev.ObserverProduct = "Windows";
        // @timestamp carries its zone; EventTime is the host's local time without one, so it is only a fallback.
        if (JsonLogParser.TryTime(JsonLogParser.String(root, "@timestamp") ?? JsonLogParser.String(root, "TimeCreated")
                ?? JsonLogParser.String(root, "EventTime"), options, out var time))
        {
            ev.Timestamp = time;
        }
        var eventId = JsonLogParser.String(root, "EventID");
        ev.RuleId = eventId;
        ev.RuleName = JsonLogParser.String(root, "Category") ?? JsonLogParser.String(root, "TaskDisplayName");
        ev.HostName = JsonLogParser.String(root, "Hostname") ?? JsonLogParser.String(root, "Computer");
        ev.Message = FirstLine(JsonLogParser.String(root, "Message"));
        ev.UserName = Dash(JsonLogParser.String(root, "TargetUserName")) ?? Dash(JsonLogParser.String(root, "SubjectUserName"));
        ev.SourceIp = Address(JsonLogParser.String(root, "IpAddress"));
        ev.SourcePort = JsonLogParser.Port(root, "IpPort");
        var auditType = JsonLogParser.String(root, "EventType");
        ev.Outcome = auditType switch
        {
            "AUDIT_SUCCESS" => EventOutcome.Success,
            "AUDIT_FAILURE" => EventOutcome.Failure,
            _ => EventOutcome.Unknown,
        };
        switch (eventId)
        {
            case "4624":
                Set(ev, "logon", "authentication", EventOutcome.Success);
                break;
            case "4625":
                Set(ev, "logon-failed", "authentication", EventOutcome.Failure);
                break;
            case "4776":
                // NTLM credential validation: Status 0x0 is success, anything else a failed attempt.
                var ok = JsonLogParser.String(root, "Status") is null or "0x0";
                Set(ev, ok ? "credential-validated" : "credential-validation-failed", "authentication", ok ? EventOutcome.Success : EventOutcome.Failure);
                ev.SourceIp ??= Dash(JsonLogParser.String(root, "Workstation"));
                break;
            case "4768" or "4769":
                var granted = JsonLogParser.String(root, "Status") is null or "0x0";
                Set(ev, eventId == "4769" ? "kerberos-service-ticket" : "kerberos-tgt", "authentication", granted ? EventOutcome.Success : EventOutcome.Failure);
                break;
            case "4672":
                Set(ev, "special-privileges-assigned", "iam", EventOutcome.Success);
                ev.UserName = Dash(JsonLogParser.String(root, "SubjectUserName"));
                break;
            case "4688":
                Set(ev, "process-created", "process", EventOutcome.Success);
                ev.UserName = Dash(JsonLogParser.String(root, "SubjectUserName"));
                ev.ProcessName = JsonLogParser.String(root, "NewProcessName");
                break;
            case "4720":
                Set(ev, "user-created", "iam", EventOutcome.Success);
                break;
            case "4740":
                Set(ev, "user-locked-out", "iam", EventOutcome.Success);
                break;
            default:
                break;
        }
    }

    private static void Set(NormalizedEvent ev, string action, string category, EventOutcome outcome)
    {
        ev.EventAction = action;
        ev.EventCategory = category;
        if (ev.Outcome == EventOutcome.Unknown || outcome == EventOutcome.Failure)
        {
            ev.Outcome = outcome;
        }
    }

    private static string? Dash(string? value) => value is null or "-" ? null : value;

    // "::ffff:172.18.39.5" is an IPv4 client seen through a dual-stack socket.
    private static string? Address(string? value) => Dash(value) is not { } ip ? null
        : ip.StartsWith("::ffff:", StringComparison.OrdinalIgnoreCase) && ip.Contains('.', StringComparison.Ordinal) ? ip[7..] : ip;

    private static string? FirstLine(string? message)
    {
        if (message is null)
        {
            return null;
        }
        var end = message.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? message : message[..end];
    }
}
