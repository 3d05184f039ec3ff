using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing;

// The syslog header some devices put before "CEF:" or "LEEF:": "&lt;14&gt;", an RFC 3164 or RFC 5424 header, an ISO
// 8601 time, or anything else ("Syslogdate Sysloghost"). Best effort: it never fails the line.
internal static class SyslogPrefix
{
    // Reads PRI, time and host from the text before the payload; returns whether a time was found.
    internal static bool Apply(ReadOnlySpan<char> line, int prefixEnd, ParseOptions options, NormalizedEvent ev)
    {
        var span = line[..prefixEnd].TrimEnd();
        if (span.IsEmpty)
        {
            return false;
        }
        var pos = 0;
        if (SyslogPri.TryRead(span, ref pos, out var pri))
        {
            SyslogPri.Apply(ev, pri);
        }
        // RFC 5424 VERSION before the time: "<14>1 2020-...".
        if (pos + 2 < span.Length && char.IsAsciiDigit(span[pos]) && span[pos + 1] == ' ' && (char.IsAsciiDigit(span[pos + 2]) || span[pos + 2] == '-'))
        {
            pos += 2;
        }
        while (pos < span.Length && span[pos] == ' ')
        {
            pos++;
        }
        var rest = span[pos..];
        var hasTime = SyslogTimestamps.TryReadBsd(rest, options.TimeZone, options.ReceivedAt, out var time, out var used)
            || SyslogTimestamps.TryReadIso(rest, options.TimeZone, out time, out used);
        if (hasTime)
        {
            ev.Timestamp = time;
            rest = rest[used..].TrimStart(':').TrimStart(' ');
            var end = rest.IndexOf(' ');
            var host = end < 0 ? rest : rest[..end];
            if (!host.IsEmpty && !(host.Length == 1 && host[0] == '-'))
            {
                ev.HostName = StringPool.Values.Get(host);
            }
            return true;
        }
        if (rest.Length > 0 && rest[0] == '-')
        {
            return false;
        }
        // Unrecognised header: keep it, and take its last word as the sending host like most relays do.
        ev.Fields["syslog.header"] = rest.ToString();
        var lastSpace = rest.LastIndexOf(' ');
        if (lastSpace >= 0 && lastSpace + 1 < rest.Length)
        {
            ev.HostName = rest[(lastSpace + 1)..].ToString();
        }
        return false;
    }
}
