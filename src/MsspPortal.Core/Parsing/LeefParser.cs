using System.Globalization;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing;

// IBM QRadar LEEF 1.0 ("LEEF:1.0|Vendor|Product|Version|EventID|attrs", tab-delimited) and LEEF 2.0, which may name
// its own delimiter in a sixth header field (a character, or hex like "x09" / "0x09"); without it the delimiter is
// tab. rsyslog writes tabs as "#011". Some senders mix spaces into the attribute list, so a value also ends at "
// key=".
internal static class LeefParser
{
    internal static string? Parse(string line, ParseOptions options, NormalizedEvent ev)
    {
        ev.Format = LogFormat.Leef;
        var marker = line.IndexOf("LEEF:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return "LEEF: no 'LEEF:' marker in the line";
        }
        var prefixTime = marker > 0 && SyslogPrefix.Apply(line, marker, options, ev);
        var span = line.AsSpan();
        Span<Range> header = stackalloc Range[5];
        var found = CefParser.SplitHeader(span, marker + 5, header, out var attributesStart);
        if (found < 5)
        {
            return $"LEEF: header has {found} of 5 pipe-terminated fields";
        }
        var version = span[header[0]].Trim();
        if (!version.StartsWith("1") && !version.StartsWith("2"))
        {
            return $"LEEF: unsupported version '{version}'";
        }
        ev.Fields["leef.version"] = version.ToString();
        ev.ObserverVendor = NullIfEmpty(span[header[1]]);
        ev.ObserverProduct = NullIfEmpty(span[header[2]]);
        var deviceVersion = NullIfEmpty(span[header[3]]);
        if (deviceVersion is not null)
        {
            ev.Fields["observer.version"] = deviceVersion;
        }
        ev.RuleId = NullIfEmpty(span[header[4]]);

        var delimiter = '\t';
        if (version.StartsWith("2") && TryDelimiterField(span[attributesStart..], out var declared, out var used))
        {
            delimiter = declared;
            attributesStart += used;
        }

        // rsyslog's "#011" escape is a tab; normalise it once so splitting sees one delimiter.
        var attributes = line[attributesStart..];
        if (attributes.Contains("#011", StringComparison.Ordinal))
        {
            attributes = attributes.Replace("#011", "\t", StringComparison.Ordinal);
        }
        string? devTime = null, devTimeFormat = null;
        List<(string Key, string Label)>? labels = null;
        foreach (var chunkRange in attributes.AsSpan().Split(delimiter))
        {
            var chunk = attributes.AsSpan()[chunkRange];
            if (chunk.Trim().IsEmpty)
            {
                continue;
            }
            var reader = new CefExtensionReader(chunk);
            if (reader.HasKeylessValue)
            {
                return $"LEEF: attribute without a key: '{Clip(chunk)}'";
            }
            while (reader.MoveNext())
            {
                var key = reader.Key;
                var value = reader.RawValue.ToString();
                if (key.Length > 5 && key.EndsWith("Label"))
                {
                    (labels ??= []).Add((key[..^5].ToString(), value.Trim('"')));
                    continue;
                }
                if (key.SequenceEqual("devTime"))
                {
                    devTime = value;
                }
                else if (key.SequenceEqual("devTimeFormat"))
                {
                    devTimeFormat = value;
                }
                Apply(ev, key, value);
            }
        }
        if (labels is not null)
        {
            foreach (var (key, label) in labels)
            {
                if (ev.Fields.TryGetValue(string.Concat("leef.", key), out var value))
                {
                    ev.Fields[string.Concat("leef.", label)] = value;
                }
            }
        }
        ev.RuleName ??= ev.RuleId;
        if (devTime is not null && TryDevTime(devTime, devTimeFormat, options, out var time))
        {
            ev.Timestamp = time;
        }
        else if (!prefixTime)
        {
            ev.Timestamp = options.ReceivedAt.ToUniversalTime();
        }
        return null;
    }

    private static bool TryDelimiterField(ReadOnlySpan<char> rest, out char delimiter, out int used)
    {
        delimiter = '\t';
        used = 0;
        var pipe = rest.IndexOf('|');
        if (pipe < 0 || pipe > 6)
        {
            return false;
        }
        var field = rest[..pipe];
        if (field.Length == 1)
        {
            delimiter = field[0];
        }
        else if (field.Length == 0)
        {
            delimiter = '\t';
        }
        else
        {
            var hex = field.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? field[2..]
                : field.StartsWith("x", StringComparison.OrdinalIgnoreCase) ? field[1..] : default;
            if (hex.IsEmpty || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) || code is 0 or > 0xFFFF)
            {
                return false;
            }
            delimiter = (char)code;
        }
        used = pipe + 1;
        return true;
    }

    private static void Apply(NormalizedEvent ev, ReadOnlySpan<char> key, string value)
    {
        if (value.Length == 0)
        {
            return;
        }
        switch (key)
        {
            case "src" or "srcPreNAT":
                ev.SourceIp ??= value;
                break;
            case "dst" or "dstPreNAT":
                ev.DestinationIp ??= value;
                break;
            case "srcPort" or "spt":
                ev.SourcePort = Numbers.TryPort(value, out var sp) ? sp : ev.SourcePort;
                break;
            case "dstPort" or "dpt":
                ev.DestinationPort = Numbers.TryPort(value, out var dp) ? dp : ev.DestinationPort;
                break;
            case "usrName" or "suser" or "accountName":
                ev.UserName = value;
                break;
            case "proto":
                ev.NetworkTransport = Numbers.Transport(value);
                break;
            case "sev":
                if (Numbers.TryInt(value, out var sev))
                {
                    ev.Severity = Math.Clamp(sev, 0, 10);
                }
                break;
            case "act" or "action":
                ev.EventAction = value;
                break;
            case "name":
                ev.RuleName = value;
                break;
            case "msg":
                ev.Message = value;
                break;
            case "url" or "request":
                ev.Url = value;
                break;
            case "identHostName" or "dvchost":
                ev.HostName = value;
                break;
            case "fileHash":
                ev.FileHash = value;
                break;
            default:
                break;
        }
        ev.Fields[string.Concat("leef.", key)] = value;
    }

    private static bool TryDevTime(string value, string? format, ParseOptions options, out DateTimeOffset utc)
    {
        utc = default;
        if (format is not null)
        {
            // Java SimpleDateFormat letters match .NET's except milliseconds (S) and the zone (z/Z).
            var pattern = format.Replace("SSS", "fff", StringComparison.Ordinal).Replace("a", "tt", StringComparison.Ordinal);
            var hasZone = pattern.Contains('z', StringComparison.Ordinal) || pattern.Contains('Z', StringComparison.Ordinal);
            pattern = pattern.Replace("Z", "zzz", StringComparison.Ordinal);
            if (hasZone && DateTimeOffset.TryParseExact(value, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var zoned))
            {
                utc = zoned.ToUniversalTime();
                return true;
            }
            if (!hasZone && DateTime.TryParseExact(value, pattern, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            {
                return SyslogTimestamps.TryBuild(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, local.Ticks % TimeSpan.TicksPerSecond, options.TimeZone, out utc);
            }
        }
        return CefParser.TryTime(value, options, out utc);
    }

    private static string? NullIfEmpty(ReadOnlySpan<char> value) => value.IsEmpty ? null : value.ToString();

    private static string Clip(ReadOnlySpan<char> value) => value.Length <= 40 ? value.ToString() : string.Concat(value[..40], "...");
}
