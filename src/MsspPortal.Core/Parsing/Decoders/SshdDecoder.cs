using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

// OpenSSH sshd authentication messages.
internal static class SshdDecoder
{
    internal static void Decode(NormalizedEvent ev, string message)
    {
        var span = message.AsSpan();
        if (span.StartsWith("Failed ", StringComparison.Ordinal))
        {
            Authentication(ev, message, "Failed ".Length, success: false);
        }
        else if (span.StartsWith("Accepted ", StringComparison.Ordinal))
        {
            Authentication(ev, message, "Accepted ".Length, success: true);
        }
        else if (span.StartsWith("Invalid user ", StringComparison.Ordinal))
        {
            // "Invalid user NAME from ADDR [port N]": a logon attempt for an account that does not exist.
            SetLogon(ev, success: false);
            ev.Fields["sshd.reason"] = "invalid-user";
            ReadUserFromPort(ev, message, "Invalid user ".Length);
        }
        else
        {
            var from = span.LastIndexOf(" from ");
            if (from >= 0)
            {
                ReadAddress(ev, message, from + " from ".Length);
            }
        }
    }

    private static void Authentication(NormalizedEvent ev, string message, int pos, bool success)
    {
        // "<method> for [invalid user ]<user> from <addr> port <port> ssh2[: <key>]"
        var span = message.AsSpan();
        var forAt = span[pos..].IndexOf(" for ");
        if (forAt < 0)
        {
            return;
        }
        SetLogon(ev, success);
        ev.Fields["sshd.method"] = message.Substring(pos, forAt);
        var userStart = pos + forAt + " for ".Length;
        if (span[userStart..].StartsWith("invalid user "))
        {
            userStart += "invalid user ".Length;
            ev.Fields["sshd.reason"] = "invalid-user";
        }
        ReadUserFromPort(ev, message, userStart);
    }

    private static void ReadUserFromPort(NormalizedEvent ev, string message, int userStart)
    {
        var span = message.AsSpan();
        var from = span[userStart..].LastIndexOf(" from ");
        if (from < 0)
        {
            var end = span[userStart..].IndexOf(' ');
            ev.UserName = end < 0 ? message[userStart..] : message.Substring(userStart, end);
            return;
        }
        ev.UserName = message.Substring(userStart, from);
        ReadAddress(ev, message, userStart + from + " from ".Length);
    }

    private static void ReadAddress(NormalizedEvent ev, string message, int addrStart)
    {
        var span = message.AsSpan();
        var end = span[addrStart..].IndexOf(' ');
        ev.SourceIp = end < 0 ? message[addrStart..] : message.Substring(addrStart, end);
        if (end < 0)
        {
            return;
        }
        var rest = span[(addrStart + end)..];
        if (rest.StartsWith(" port "))
        {
            rest = rest[" port ".Length..];
            var portEnd = rest.IndexOf(' ');
            if (Numbers.TryPort(portEnd < 0 ? rest : rest[..portEnd], out var port))
            {
                ev.SourcePort = port;
            }
        }
    }

    private static void SetLogon(NormalizedEvent ev, bool success)
    {
        ev.EventAction = success ? "logon" : "logon-failed";
        ev.Outcome = success ? EventOutcome.Success : EventOutcome.Failure;
        ev.EventCategory = "authentication";
    }
}
