using System.Net;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Decoders;

// Cisco ASA / FTD / PIX / FWSM messages "%ASA-6-302014: text". Extraction is generic (message id, level, protocol,
// "iface:ip/port" addresses, user) with a few message-specific rules for direction and logons.
internal static class CiscoAsaDecoder
{
    internal static bool TryDecode(NormalizedEvent ev, string message) => TryDecode(ev, message, 0);

    // Decodes the message that starts at start in line; on success Message is the text after the message id, cut
    // from the line once.
    internal static bool TryDecode(NormalizedEvent ev, string line, int start)
    {
        var span = line.AsSpan(start);
        var dash1 = span.IndexOf('-');
        if (dash1 < 2 || dash1 > 6 || dash1 + 2 >= span.Length || !char.IsAsciiDigit(span[dash1 + 1]) || span[dash1 + 2] != '-')
        {
            return false;
        }
        var idStart = dash1 + 3;
        var idEnd = idStart;
        while (idEnd < span.Length && char.IsAsciiDigit(span[idEnd]))
        {
            idEnd++;
        }
        if (idEnd - idStart < 6 || idEnd >= span.Length || span[idEnd] != ':')
        {
            return false;
        }
        var level = span[dash1 + 1] - '0';
        ev.ObserverVendor ??= "Cisco";
        // Product, message id and tag repeat across a device's lines: pooled rather than cut per line.
        ev.ObserverProduct ??= StringPool.Values.Get(span[1..dash1]);
        ev.RuleId = StringPool.Values.Get(span[idStart..idEnd]);
        ev.Fields["cisco.tag"] = StringPool.Values.Get(span[1..idEnd]);
        ev.Fields["cisco.level"] = SyslogPri.Number(level);
        ev.Severity = SyslogPri.SeverityToScale[Math.Min(level, 7)];
        var textStart = idEnd + 1;
        while (textStart < span.Length && span[textStart] == ' ')
        {
            textStart++;
        }
        var text = line[(start + textStart)..];
        ev.Message = text;
        ev.RuleName = ev.RuleId;
        DecodeText(ev, text);
        return true;
    }

    private static void DecodeText(NormalizedEvent ev, string text)
    {
        // Token ranges, not text.Split: the tokens are only looked at, and only addresses are kept as strings.
        var line = text.AsSpan();
        var most = line.Count(' ') + 1;
        var tokens = most <= 128 ? stackalloc Range[most] : new Range[most];
        tokens = tokens[..line.Split(tokens, ' ', StringSplitOptions.RemoveEmptyEntries)];
        if (tokens.Length == 0)
        {
            return;
        }
        var verb = Verb(line, tokens);
        ev.Fields["cisco.action"] = verb;
        SetAction(ev, verb, text);

        string? first = null, second = null;
        int? firstPort = null, secondPort = null;
        var outbound = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = line[tokens[i]];
            var previous = i > 0 ? line[tokens[i - 1]] : default;
            if (ev.NetworkTransport is null && IsTransport(token))
            {
                ev.NetworkTransport = Numbers.Transport(token);
            }
            else if (ev.NetworkTransport is null && previous.SequenceEqual("protocol"))
            {
                ev.NetworkTransport = token.ToString();
            }
            if (i == 1 && (token.SequenceEqual("outbound") || token.SequenceEqual("inbound")))
            {
                outbound = token.SequenceEqual("outbound");
                ev.Fields["network.direction"] = outbound ? "outbound" : "inbound";
            }
            if (token[0] == '(' || previous.SequenceEqual("gaddr"))
            {
                continue; // "(mapped/address)" and the global address of a translation
            }
            if (!TryAddress(token, out var ip, out var port, out var user))
            {
                continue;
            }
            if (user is not null)
            {
                ev.UserName ??= user;
            }
            if (previous.SequenceEqual("faddr"))
            {
                outbound = false; // faddr/laddr name the roles already
                (second, secondPort) = (ip, port);
            }
            else if (previous.SequenceEqual("laddr"))
            {
                outbound = false;
                (first, firstPort) = (ip, port);
            }
            else if (first is null)
            {
                (first, firstPort) = (ip, port);
            }
            else if (second is null)
            {
                (second, secondPort) = (ip, port);
            }
        }
        if (outbound)
        {
            // Addresses stay in message order ("for X to Y", as Metron and most SIEMs read them); the direction
            // says who initiated.
            ev.Fields["network.direction"] = "outbound";
        }
        ev.SourceIp = first;
        ev.SourcePort = firstPort;
        ev.DestinationIp = second;
        ev.DestinationPort = secondPort;
        ReadUser(ev, text);
    }

    private static void SetAction(NormalizedEvent ev, string verb, string text)
    {
        ev.EventCategory = "network";
        if (text.StartsWith("AAA user authentication Successful", StringComparison.Ordinal)
            || text.StartsWith("Login permitted", StringComparison.Ordinal))
        {
            Logon(ev, success: true);
            return;
        }
        if (text.StartsWith("AAA user authentication Rejected", StringComparison.Ordinal)
            || text.StartsWith("Login denied", StringComparison.Ordinal)
            || text.StartsWith("User authentication failed", StringComparison.Ordinal))
        {
            Logon(ev, success: false);
            return;
        }
        switch (verb)
        {
            case "built":
                ev.EventAction = "connection-started";
                ev.Outcome = EventOutcome.Success;
                break;
            case "teardown":
                ev.EventAction = "connection-ended";
                break;
            case "deny":
            case "denied":
            case "discarded":
            case "drop":
            case "dropped":
            case "no":
            case "rejected":
                ev.EventAction = "connection-denied";
                ev.Outcome = EventOutcome.Failure;
                break;
            default:
                if (text.Contains(" denied ", StringComparison.Ordinal))
                {
                    ev.EventAction = "connection-denied";
                    ev.Outcome = EventOutcome.Failure;
                }
                break;
        }
    }

    // The action word is usually first ("Deny tcp ...") but not always ("UDP request discarded from ...").
    private static readonly string[] Verbs = ["built", "teardown", "deny", "denied", "discarded", "dropped", "permitted", "rejected"];

    private static string Verb(ReadOnlySpan<char> line, ReadOnlySpan<Range> tokens)
    {
        foreach (var range in tokens)
        {
            foreach (var verb in Verbs)
            {
                if (line[range].Equals(verb, StringComparison.OrdinalIgnoreCase))
                {
                    return verb;
                }
            }
        }
        return line[tokens[0]].ToString().ToLowerInvariant();
    }

    private static void Logon(NormalizedEvent ev, bool success)
    {
        ev.EventAction = success ? "logon" : "logon-failed";
        ev.Outcome = success ? EventOutcome.Success : EventOutcome.Failure;
        ev.EventCategory = "authentication";
    }

    private static void ReadUser(NormalizedEvent ev, string text)
    {
        var span = text.AsSpan();
        // Every marker below has "ser" or "name" in it: most messages have neither, and are done with two searches.
        if (!span.Contains("ser", StringComparison.Ordinal) && !span.Contains("name", StringComparison.Ordinal))
        {
            return;
        }
        foreach (var marker in (ReadOnlySpan<string>)[" user = ", "Username = ", "Uname: ", "User '", "user '", "user \""])
        {
            var at = span.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }
            var start = at + marker.Length;
            var end = start;
            while (end < span.Length && span[end] != ' ' && span[end] != ',' && span[end] != '\'' && span[end] != '"')
            {
                end++;
            }
            if (end > start)
            {
                ev.UserName = text[start..end];
            }
            break;
        }
        var userIp = span.IndexOf(" user IP = ", StringComparison.Ordinal);
        if (userIp >= 0)
        {
            var start = userIp + " user IP = ".Length;
            var end = span[start..].IndexOfAny(' ', ',');
            ev.SourceIp = end < 0 ? text[start..] : text.Substring(start, end);
        }
    }

    private static bool IsTransport(ReadOnlySpan<char> token) =>
        token.Equals("tcp", StringComparison.OrdinalIgnoreCase) || token.Equals("udp", StringComparison.OrdinalIgnoreCase)
        || token.Equals("icmp", StringComparison.OrdinalIgnoreCase) || token.Equals("gre", StringComparison.OrdinalIgnoreCase);

    // "[iface:]ip[/port][(domain\user)]" with trailing punctuation tolerated.
    private static bool TryAddress(ReadOnlySpan<char> token, out string? ip, out int? port, out string? user)
    {
        ip = null;
        port = null;
        user = null;
        // An IPv4 address has digits and an IPv6 address has colons: most words of a message have neither.
        if (!token.ContainsAnyInRange('0', '9') && !token.Contains(':'))
        {
            return false;
        }
        var span = token.TrimEnd(",:;.");
        var paren = span.IndexOf('(');
        if (paren > 0 && span[^1] == ')')
        {
            var who = span[(paren + 1)..^1];
            var slash = who.IndexOf('\\');
            user = (slash >= 0 ? who[(slash + 1)..] : who).ToString();
            span = span[..paren];
        }
        var portSlash = span.LastIndexOf('/');
        var host = portSlash >= 0 ? span[..portSlash] : span;
        if (portSlash >= 0)
        {
            if (Numbers.TryPort(span[(portSlash + 1)..], out var p))
            {
                port = p;
            }
            else if (!LooksLikeIPv4(span[(portSlash + 1)..]))
            {
                return false;
            }
        }
        var colon = host.IndexOf(':');
        if (colon >= 0 && LooksLikeIPv4(host[(colon + 1)..]))
        {
            host = host[(colon + 1)..];
        }
        else if (colon >= 0 && !LooksLikeIPv4(host))
        {
            // "iface:2001:db8::1": the interface name never contains a colon, an IPv6 address always does.
            var rest = host[(colon + 1)..];
            if (rest.Contains(':') && IPAddress.TryParse(rest, out _))
            {
                host = rest;
            }
            else if (!IPAddress.TryParse(host, out _))
            {
                return false;
            }
        }
        if (!LooksLikeIPv4(host) && !(host.Contains(':') && IPAddress.TryParse(host, out _)))
        {
            user = null;
            port = null;
            return false;
        }
        ip = host.ToString();
        return true;
    }

    internal static bool LooksLikeIPv4(ReadOnlySpan<char> s)
    {
        var dots = 0;
        var digits = 0;
        foreach (var c in s)
        {
            if (c == '.')
            {
                if (digits == 0)
                {
                    return false;
                }
                dots++;
                digits = 0;
            }
            else if (char.IsAsciiDigit(c) && digits < 3)
            {
                digits++;
            }
            else
            {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }
}
