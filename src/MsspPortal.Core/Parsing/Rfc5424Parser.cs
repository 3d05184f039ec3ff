using System.Text;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing.Decoders;

namespace MsspPortal.Core.Parsing;

// RFC 5424 syslog: header fields, NILVALUE "-", structured data with \" \\ \] escapes, BOM before MSG.
internal static class Rfc5424Parser
{
    internal static string? Parse(string line, ParseOptions options, NormalizedEvent ev)
    {
        ev.Format = LogFormat.Rfc5424;
        var span = line.AsSpan();
        var pos = 0;
        if (SyslogPri.TryRead(span, ref pos, out var pri))
        {
            SyslogPri.Apply(ev, pri);
        }
        else if (span.Length > 0 && span[0] == '<')
        {
            return "RFC 5424: invalid PRI (expected <0> to <191>)";
        }

        var versionStart = pos;
        while (pos < span.Length && char.IsAsciiDigit(span[pos]) && pos - versionStart < 4)
        {
            pos++;
        }
        if (pos == versionStart || pos - versionStart > 3 || span[versionStart] == '0')
        {
            return $"RFC 5424: expecting a VERSION (1 to 999) at column {versionStart + 1}";
        }
        ev.Fields["syslog.version"] = SyslogPri.Number(int.Parse(span[versionStart..pos], provider: System.Globalization.CultureInfo.InvariantCulture));

        if (!Space(span, ref pos))
        {
            return $"RFC 5424: expecting a TIMESTAMP or a nil value at column {pos + 1}";
        }
        if (span[pos] == '-')
        {
            ev.Timestamp = options.ReceivedAt.ToUniversalTime();
            pos++;
        }
        else if (SyslogTimestamps.TryReadIso(span[pos..], options.TimeZone, out var time, out var used))
        {
            ev.Timestamp = time;
            pos += used;
        }
        else
        {
            return $"RFC 5424: expecting an RFC 3339 TIMESTAMP or a nil value at column {pos + 1}";
        }

        // Host, app and message id repeat on every line of a source: pooled. A process id varies: allocated.
        if (!Field(line, ref pos, 255, "HOSTNAME", pooled: true, out var host, out var error)
            || !Field(line, ref pos, 48, "APP-NAME", pooled: true, out var app, out error)
            || !Field(line, ref pos, 128, "PROCID", pooled: false, out var procId, out error)
            || !Field(line, ref pos, 32, "MSGID", pooled: true, out var msgId, out error))
        {
            return error;
        }
        ev.HostName = host;
        ev.ProcessName = app;
        if (procId is not null)
        {
            ev.Fields["process.pid"] = procId;
        }
        if (msgId is not null)
        {
            ev.Fields["syslog.msgid"] = msgId;
        }

        if (pos >= span.Length)
        {
            MessageDecoders.Decode(ev, null, app, options);
            return null;
        }
        if (span[pos] != ' ')
        {
            return $"RFC 5424: expecting a space before STRUCTURED-DATA at column {pos + 1}";
        }
        pos++;
        if (pos < span.Length && span[pos] == '-')
        {
            pos++;
        }
        else if (pos < span.Length && span[pos] == '[')
        {
            error = ReadStructuredData(line, ref pos, ev);
            if (error is not null)
            {
                return error;
            }
        }
        // Otherwise STRUCTURED-DATA is missing altogether; real senders do that, so the rest is MSG.

        if (pos < span.Length && span[pos] == ' ')
        {
            pos++;
        }
        if (pos < span.Length && span[pos] == '\uFEFF')
        {
            pos++;
        }
        if (pos < span.Length)
        {
            ev.Message = line[pos..];
        }
        MessageDecoders.Decode(ev, ev.Message, app, options);
        return null;
    }

    private static bool Space(ReadOnlySpan<char> span, ref int pos)
    {
        if (pos + 1 < span.Length && span[pos] == ' ')
        {
            pos++;
            return true;
        }
        return false;
    }

    private static bool Field(string line, ref int pos, int maxLength, string name, bool pooled, out string? value, out string? error)
    {
        value = null;
        error = null;
        var span = line.AsSpan();
        if (!Space(span, ref pos))
        {
            error = $"RFC 5424: expecting a {name} or a nil value at column {pos + 1}";
            return false;
        }
        var start = pos;
        while (pos < span.Length && span[pos] > ' ' && span[pos] < 127)
        {
            pos++;
        }
        var length = pos - start;
        if (length == 0 || length > maxLength || (pos < span.Length && span[pos] != ' '))
        {
            error = $"RFC 5424: expecting a {name} (1 to {maxLength} printable US-ASCII characters) or a nil value at column {start + 1}";
            return false;
        }
        if (length != 1 || span[start] != '-')
        {
            value = pooled ? StringPool.Values.Get(span.Slice(start, length)) : line.Substring(start, length);
        }
        return true;
    }

    private static string? ReadStructuredData(string line, ref int pos, NormalizedEvent ev)
    {
        var span = line.AsSpan();
        while (pos < span.Length && span[pos] == '[')
        {
            pos++;
            var idStart = pos;
            while (pos < span.Length && span[pos] != ' ' && span[pos] != ']' && span[pos] != '=' && span[pos] != '"')
            {
                pos++;
            }
            if (pos == idStart || pos >= span.Length)
            {
                return $"RFC 5424: expecting an SD-ID at column {idStart + 1}";
            }
            var sdId = span[idStart..pos];
            var found = false;
            while (pos < span.Length && span[pos] == ' ')
            {
                pos++;
                var nameStart = pos;
                while (pos < span.Length && span[pos] != '=' && span[pos] != ' ' && span[pos] != ']' && span[pos] != '"')
                {
                    pos++;
                }
                if (pos == nameStart || pos + 1 >= span.Length || span[pos] != '=' || span[pos + 1] != '"')
                {
                    return $"RFC 5424: expecting PARAM-NAME=\"PARAM-VALUE\" in SD-ELEMENT [{sdId}] at column {nameStart + 1}";
                }
                var name = span[nameStart..pos];
                pos += 2;
                if (!TryReadParamValue(span, ref pos, out var value))
                {
                    return $"RFC 5424: unterminated PARAM-VALUE in SD-ELEMENT [{sdId}]";
                }
                ev.Fields[SdFieldName(sdId, name)] = value;
                found = true;
            }
            if (pos >= span.Length || span[pos] != ']')
            {
                return $"RFC 5424: expecting ']' to close SD-ELEMENT [{sdId}] at column {pos + 1}";
            }
            pos++;
            if (!found)
            {
                // An SD-ELEMENT without params (e.g. [origin]) still says something: record that it was present.
                ev.Fields[StringPool.FieldNames.Get("syslog.sd.", sdId)] = "true";
            }
        }
        return null;
    }

    // "syslog.sd.&lt;SD-ID&gt;.&lt;PARAM-NAME&gt;", pooled: a source sends the same few on every line.
    private static string SdFieldName(ReadOnlySpan<char> sdId, ReadOnlySpan<char> name)
    {
        var length = sdId.Length + 1 + name.Length;
        if (length > 96)
        {
            return string.Concat("syslog.sd.", sdId, ".", name);
        }
        Span<char> buffer = stackalloc char[length];
        sdId.CopyTo(buffer);
        buffer[sdId.Length] = '.';
        name.CopyTo(buffer[(sdId.Length + 1)..]);
        return StringPool.FieldNames.Get("syslog.sd.", buffer);
    }

    private static bool TryReadParamValue(ReadOnlySpan<char> span, ref int pos, out string value)
    {
        value = string.Empty;
        var start = pos;
        StringBuilder? unescaped = null;
        var runStart = pos;
        while (pos < span.Length)
        {
            var c = span[pos];
            if (c == '\\' && pos + 1 < span.Length && span[pos + 1] is '"' or '\\' or ']')
            {
                unescaped ??= new StringBuilder();
                unescaped.Append(span[runStart..pos]).Append(span[pos + 1]);
                pos += 2;
                runStart = pos;
                continue;
            }
            if (c == '"')
            {
                value = unescaped is null ? new string(span[start..pos]) : unescaped.Append(span[runStart..pos]).ToString();
                pos++;
                return true;
            }
            pos++;
        }
        return false;
    }
}
