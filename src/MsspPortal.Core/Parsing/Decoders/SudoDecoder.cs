using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

// sudo ("user : TTY=.. ; PWD=.. ; USER=.. ; COMMAND=..") and su messages: privilege use, allowed or refused.
internal static class SudoDecoder
{
    internal static void DecodeSudo(NormalizedEvent ev, string message)
    {
        var span = message.AsSpan();
        if (span.Contains("authentication failure", StringComparison.Ordinal))
        {
            PamFailure(ev, message);
            return;
        }
        var colon = span.IndexOf(" : ");
        if (colon < 0)
        {
            return;
        }
        ev.UserName = message[..colon].Trim();
        ev.EventAction = "sudo";
        ev.EventCategory = "process";
        ev.Outcome = EventOutcome.Success;
        var parts = message[(colon + 3)..].Split(" ; ", StringSplitOptions.TrimEntries);
        foreach (var part in parts)
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                // "user NOT in sudoers", "3 incorrect password attempts", "command not allowed": sudo refused.
                ev.Outcome = EventOutcome.Failure;
                ev.Fields["sudo.error"] = part;
                continue;
            }
            var value = part[(eq + 1)..];
            switch (part.AsSpan(0, eq))
            {
                case "TTY":
                    ev.Fields["sudo.tty"] = value;
                    break;
                case "PWD":
                    ev.Fields["sudo.pwd"] = value;
                    break;
                case "USER":
                    ev.Fields["user.target.name"] = value;
                    break;
                case "COMMAND":
                    ev.Fields["process.command_line"] = value;
                    break;
                default:
                    ev.Fields[string.Concat("sudo.", part.AsSpan(0, eq).ToString().ToLowerInvariant())] = value;
                    break;
            }
        }
    }

    internal static void DecodeSu(NormalizedEvent ev, string message)
    {
        var span = message.AsSpan();
        ev.EventAction = "su";
        ev.EventCategory = "authentication";
        if (span.Contains("authentication failure", StringComparison.Ordinal))
        {
            PamFailure(ev, message);
            ev.EventAction = "su";
            return;
        }
        // "Successful su for root by alice", "FAILED su for root by alice", "(to root) alice on pts/0".
        if (span.StartsWith("FAILED su for ", StringComparison.OrdinalIgnoreCase) || span.StartsWith("Successful su for ", StringComparison.Ordinal))
        {
            ev.Outcome = span[0] == 'F' ? EventOutcome.Failure : EventOutcome.Success;
            var forAt = message.IndexOf(" for ", StringComparison.Ordinal) + 5;
            var by = message.IndexOf(" by ", forAt, StringComparison.Ordinal);
            if (by > forAt)
            {
                ev.Fields["user.target.name"] = message[forAt..by];
                ev.UserName = message[(by + 4)..].Trim();
            }
            return;
        }
        if (span.StartsWith("(to ", StringComparison.Ordinal))
        {
            var close = message.IndexOf(')', StringComparison.Ordinal);
            if (close > 4)
            {
                ev.Outcome = EventOutcome.Success;
                ev.Fields["user.target.name"] = message[4..close];
                var rest = message[(close + 1)..].Trim();
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                ev.UserName = space < 0 ? rest : rest[..space];
            }
        }
    }

    private static void PamFailure(NormalizedEvent ev, string message)
    {
        // pam_unix(...:auth): authentication failure; logname=.. uid=.. euid=.. tty=.. ruser=alice rhost=..  user=root
        ev.EventAction = "logon-failed";
        ev.EventCategory = "authentication";
        ev.Outcome = EventOutcome.Failure;
        foreach (var token in message.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith("ruser=", StringComparison.Ordinal) && token.Length > 6)
            {
                ev.UserName = token[6..];
            }
            else if (token.StartsWith("user=", StringComparison.Ordinal) && token.Length > 5)
            {
                ev.Fields["user.target.name"] = token[5..];
                ev.UserName ??= token[5..];
            }
            else if (token.StartsWith("rhost=", StringComparison.Ordinal) && token.Length > 6)
            {
                ev.SourceIp = token[6..];
            }
        }
    }
}
