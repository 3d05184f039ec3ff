using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing.Decoders;

namespace MsspPortal.Core.Parsing;

// BSD syslog (RFC 3164) and the PRI-less files syslog daemons write (auth.log: "Mmm dd hh:mm:ss host prog[pid]:
// msg"). The format has no year and no zone: the zone comes from the source's options and the year from the receive
// time.
internal static class Rfc3164Parser
{
    private const int MaxTagLength = 48;

    internal static string? Parse(string line, ParseOptions options, NormalizedEvent ev)
    {
        ev.Format = LogFormat.Rfc3164;
        var span = line.AsSpan();
        var pos = 0;
        var hasPri = SyslogPri.TryRead(span, ref pos, out var pri);
        if (!hasPri && span.Length > 0 && span[0] == '<')
        {
            return "RFC 3164: invalid PRI (expected <0> to <191>)";
        }
        if (hasPri)
        {
            SyslogPri.Apply(ev, pri);
        }
        while (pos < span.Length && span[pos] == ' ')
        {
            pos++;
        }

        if (SyslogTimestamps.TryReadBsd(span[pos..], options.TimeZone, options.ReceivedAt, out var time, out var used)
            || SyslogTimestamps.TryReadIso(span[pos..], options.TimeZone, out time, out used))
        {
            ev.Timestamp = time;
            pos += used;
            // Cisco ends its timestamp with a colon: "Aug 06 2016 20:39:42: %ASA-...".
            if (pos < span.Length && span[pos] == ':')
            {
                pos++;
            }
        }
        else if (hasPri)
        {
            // RFC 3164 4.3.3: a relay stamps a message that has no valid TIMESTAMP with the time it received it.
            ev.Timestamp = options.ReceivedAt.ToUniversalTime();
        }
        else
        {
            return "RFC 3164: no <PRI> and no timestamp at the start of the line";
        }

        pos = SkipSpaces(span, pos);
        pos = ReadHost(line, pos, ev);
        pos = ReadTag(line, pos, ev);
        MessageDecoders.Decode(ev, line, pos, ev.ProcessName, options);
        return null;
    }

    private static int ReadHost(string line, int pos, NormalizedEvent ev)
    {
        var span = line.AsSpan();
        var end = span[pos..].IndexOf(' ');
        if (end <= 0)
        {
            return pos;
        }
        var token = span.Slice(pos, end);
        // Without a hostname the next token is the tag ("sshd[12]:", "app:") or a Cisco "%ASA-..." message id.
        if (token[^1] == ':' || token.Contains('[') || token[0] == '%')
        {
            return pos;
        }
        ev.HostName = StringPool.Values.Get(line.AsSpan(pos, end));
        return SkipSpaces(span, pos + end);
    }

    private static int ReadTag(string line, int pos, NormalizedEvent ev)
    {
        var span = line.AsSpan();
        if (pos >= span.Length || span[pos] == '%')
        {
            return pos;
        }
        var i = pos;
        while (i < span.Length && i - pos <= MaxTagLength && span[i] != ':' && span[i] != '[' && span[i] != ' ')
        {
            i++;
        }
        if (i == pos || i >= span.Length || i - pos > MaxTagLength || span[i] == ' ')
        {
            return pos;
        }
        var tagEnd = i;
        if (span[i] == '[')
        {
            var close = span[i..].IndexOf(']');
            if (close < 0)
            {
                return pos;
            }
            var pidStart = i + 1;
            i += close + 1;
            if (i < span.Length && span[i] == ':')
            {
                i++;
            }
            ev.Fields["process.pid"] = line[pidStart..(i - (span[i - 1] == ':' ? 2 : 1))];
        }
        else
        {
            i++;
        }
        ev.ProcessName = line[pos..tagEnd];
        return i < span.Length && span[i] == ' ' ? i + 1 : i;
    }

    private static int SkipSpaces(ReadOnlySpan<char> span, int pos)
    {
        while (pos < span.Length && span[pos] == ' ')
        {
            pos++;
        }
        return pos;
    }
}
