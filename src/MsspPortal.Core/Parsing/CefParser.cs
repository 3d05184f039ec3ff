using System.Globalization;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing;

// ArcSight CEF: "[syslog header ]CEF:Version|Vendor|Product|Version|SignatureID|Name|Severity|Extension". Header
// fields escape \| and \\; extension values escape \= \\ \n \r.
internal static class CefParser
{
    internal const int HeaderFieldCount = 7;

    internal static string? Parse(string line, ParseOptions options, NormalizedEvent ev) => Parse(line.AsSpan(), -1, options, ev);

    // knownMarker: Where "CEF:" starts when format detection already found it, else -1.
    internal static string? Parse(ReadOnlySpan<char> line, int knownMarker, ParseOptions options, NormalizedEvent ev)
    {
        ev.Format = LogFormat.Cef;
        var marker = knownMarker >= 0 ? knownMarker : line.IndexOf("CEF:", StringComparison.Ordinal);
        if (marker < 0)
        {
            return "CEF: no 'CEF:' marker in the line";
        }
        // One scan for newlines and backslashes: most lines have no escapes at all, and then no header field or
        // value needs its own search for a backslash.
        var special = line.IndexOfAny('\n', '\r', '\\');
        if (special >= 0 && line[special..].IndexOfAny('\n', '\r') >= 0)
        {
            return "CEF: unescaped newline characters in the message (one event per line)";
        }
        var escapes = special >= 0;
        // Sized like the last CEF line's Fields: lines of a source look alike, and a device that sends 15 custom
        // fields would otherwise grow the dictionary (11 entries by default) on every line.
        ev.FieldsFor(Volatile.Read(ref s_fieldCountHint));
        var prefixTime = marker > 0 && SyslogPrefix.Apply(line, marker, options, ev);

        Span<Range> header = stackalloc Range[HeaderFieldCount];
        var found = SplitHeader(line, marker + 4, header, out var extensionStart);
        if (found < HeaderFieldCount)
        {
            return $"CEF: header has {found} of {HeaderFieldCount} pipe-terminated fields";
        }
        var span = line;
        var version = span[header[0]].Trim();
        ev.Fields["cef.version"] = version.Length == 1 && version[0] == '0' ? "0" : version.ToString();
        ev.ObserverVendor = HeaderValue(span[header[1]], escapes);
        ev.ObserverProduct = HeaderValue(span[header[2]], escapes);
        var deviceVersion = HeaderValue(span[header[3]], escapes);
        if (deviceVersion is not null)
        {
            ev.Fields["observer.version"] = deviceVersion;
        }
        ev.RuleId = HeaderValue(span[header[4]], escapes);
        ev.RuleName = HeaderValue(span[header[5]], escapes);
        var severity = span[header[6]];
        if (!TrySeverity(severity, out var level))
        {
            ev.Fields["cef.severity"] = UnescapeHeader(severity);
        }
        ev.Severity = level;

        var reader = new CefExtensionReader(span[extensionStart..], escapes);
        if (reader.HasKeylessValue)
        {
            return "CEF: invalid extension; a value without a key is present";
        }
        var state = new ExtensionState { Escapes = escapes };
        while (reader.MoveNext())
        {
            Apply(ev, reader.Key, reader.RawValue, ref state);
        }
        ApplyLabels(ev, ref state);
        ev.HostName = state.DeviceHost ?? state.DestinationHost ?? ev.HostName;
        // The time is read from the line itself; a string is made only when it has escapes or does not parse.
        var rawTime = state.TimeRank == 0 || !escapes || state.Time.IndexOf('\\') < 0 ? state.Time : UnescapeValue(state.Time);
        if (state.TimeRank > 0 && TryTime(rawTime, options, out var time))
        {
            ev.Timestamp = time;
        }
        else
        {
            if (state.TimeRank > 0)
            {
                ev.Fields["cef.time_unparsed"] = rawTime.ToString();
            }
            if (!prefixTime)
            {
                ev.Timestamp = options.ReceivedAt.ToUniversalTime();
            }
        }
        var fieldCount = Math.Min(ev.Fields.Count, MaxFieldCountHint);
        if (fieldCount != Volatile.Read(ref s_fieldCountHint))
        {
            Volatile.Write(ref s_fieldCountHint, fieldCount); // written only on change: no shared cache-line traffic per line
        }
        return null;
    }

    // Bounded: one huge line must not make every later event carry a huge empty dictionary.
    private const int MaxFieldCountHint = 48;

    private static int s_fieldCountHint = 8;

    // Splits the 7 header fields after "CEF:"; returns how many pipe-terminated fields were found.
    internal static int SplitHeader(ReadOnlySpan<char> line, int start, Span<Range> fields, out int extensionStart)
    {
        var count = 0;
        var fieldStart = start;
        extensionStart = line.Length;
        // A plain loop, not IndexOfAny: header fields are a few characters long, too short for a vectorised
        // search to pay for its setup.
        for (var i = start; i < line.Length && count < fields.Length; i++)
        {
            var c = line[i];
            if (c == '\\')
            {
                i++; // the escaped character cannot end the field
                continue;
            }
            if (c != '|')
            {
                continue;
            }
            fields[count++] = new Range(fieldStart, i);
            fieldStart = i + 1;
            extensionStart = fieldStart;
        }
        return count;
    }

    internal static string UnescapeHeader(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOf('\\') < 0)
        {
            return raw.ToString();
        }
        var buffer = raw.Length <= 512 ? stackalloc char[raw.Length] : new char[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] is '|' or '\\')
            {
                i++;
            }
            buffer[n++] = raw[i];
        }
        return new string(buffer[..n]);
    }

    // \= \\ \n \r are escapes; any other backslash is kept as written (CyberArk's "Root\ABC").
    internal static string UnescapeValue(ReadOnlySpan<char> raw)
    {
        if (raw.IndexOf('\\') < 0)
        {
            return raw.ToString();
        }
        var buffer = raw.Length <= 512 ? stackalloc char[raw.Length] : new char[raw.Length];
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                var next = raw[i + 1];
                var unescaped = next switch
                {
                    '=' => '=',
                    '\\' => '\\',
                    'n' => '\n',
                    'r' => '\r',
                    _ => '\0',
                };
                if (unescaped != '\0')
                {
                    buffer[n++] = unescaped;
                    i++;
                    continue;
                }
            }
            buffer[n++] = c;
        }
        return new string(buffer[..n]);
    }

    // 0-10, or the words ArcSight uses; anything else is 0 (unknown).
    internal static bool TrySeverity(ReadOnlySpan<char> raw, out int level)
    {
        raw = raw.Trim();
        if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out level))
        {
            level = Math.Min(level, 10);
            return true;
        }
        level = raw switch
        {
            _ when raw.Equals("Low", StringComparison.OrdinalIgnoreCase) => 3,
            _ when raw.Equals("Medium", StringComparison.OrdinalIgnoreCase) => 5,
            _ when raw.Equals("High", StringComparison.OrdinalIgnoreCase) => 8,
            _ when raw.Equals("Very-High", StringComparison.OrdinalIgnoreCase) || raw.Equals("Very High", StringComparison.OrdinalIgnoreCase) => 10,
            _ => -1,
        };
        if (level >= 0)
        {
            return true;
        }
        level = 0;
        return raw.Equals("Unknown", StringComparison.OrdinalIgnoreCase);
    }

    private static string? HeaderValue(ReadOnlySpan<char> raw, bool escapes) =>
        raw.IsEmpty ? null : !escapes || raw.IndexOf('\\') < 0 ? StringPool.Values.Get(raw) : UnescapeHeader(raw);

    // An extension value as a string; escapes false means the line has no backslash at all.
    private static string Value(ReadOnlySpan<char> raw, bool escapes) => escapes ? UnescapeValue(raw) : raw.ToString();

    private ref struct ExtensionState
    {
        // Custom labels ("cs1Label=Rule") resolve after all pairs are read; most lines have a few, kept inline.
        public Labels Labels;
        public int LabelCount;
        public List<(string FieldName, string LabelName)>? MoreLabels;
        public string? DeviceHost;
        public string? DestinationHost;
        public ReadOnlySpan<char> Time;
        public int TimeRank;
        public bool Escapes;

        public void AddLabel(string fieldName, string labelName)
        {
            if (LabelCount < Labels.Capacity)
            {
                Labels[LabelCount++] = (fieldName, labelName);
            }
            else
            {
                (MoreLabels ??= []).Add((fieldName, labelName));
            }
        }
    }

    [System.Runtime.CompilerServices.InlineArray(Capacity)]
    private struct Labels
    {
        public const int Capacity = 6;
        private (string FieldName, string LabelName) _first;
    }

    private static void Apply(NormalizedEvent ev, ReadOnlySpan<char> key, ReadOnlySpan<char> raw, ref ExtensionState state)
    {
        if (key.Length > 5 && key.EndsWith("Label"))
        {
            var label = raw.Trim().Trim('"');
            if (!label.IsEmpty)
            {
                var labelName = !state.Escapes || label.IndexOf('\\') < 0 ? CefFieldNames.For(label) : string.Concat("cef.", UnescapeValue(label));
                state.AddLabel(CefFieldNames.For(key[..^5]), labelName);
            }
            return;
        }
        if (raw.IsEmpty)
        {
            if (IsCustomKey(key))
            {
                ev.Fields[CefFieldNames.For(key)] = string.Empty;
            }
            return;
        }
        switch (key)
        {
            case "src" or "sourceAddress":
                ev.SourceIp = Value(raw, state.Escapes);
                break;
            case "dst" or "destinationAddress":
                ev.DestinationIp = Value(raw, state.Escapes);
                break;
            case "spt" or "sourcePort":
                ev.SourcePort = Numbers.TryPort(raw, out var spt) ? spt : ev.SourcePort;
                break;
            case "dpt" or "destinationPort":
                ev.DestinationPort = Numbers.TryPort(raw, out var dpt) ? dpt : ev.DestinationPort;
                break;
            case "suser" or "sourceUserName":
                ev.UserName = Value(raw, state.Escapes);
                break;
            case "duser" or "destinationUserName":
                var duser = Value(raw, state.Escapes);
                ev.Fields["destination.user.name"] = duser;
                ev.UserName ??= duser;
                break;
            case "act" or "deviceAction":
                ev.EventAction = Value(raw, state.Escapes);
                break;
            case "outcome" or "eventOutcome":
                ev.Outcome = Outcome(raw);
                ev.Fields[CefFieldNames.For(key)] = Value(raw, state.Escapes);
                break;
            case "request" or "requestURL":
                ev.Url = Value(raw, state.Escapes);
                break;
            case "proto" or "transportProtocol":
                ev.NetworkTransport = Numbers.Transport(raw);
                break;
            case "fileHash":
                ev.FileHash = Value(raw, state.Escapes);
                break;
            case "msg" or "message":
                ev.Message = Value(raw, state.Escapes);
                break;
            case "dvchost" or "deviceHostName":
                state.DeviceHost = Value(raw, state.Escapes);
                break;
            case "dhost" or "destinationHostName":
                state.DestinationHost = Value(raw, state.Escapes);
                ev.Fields["destination.domain"] = state.DestinationHost;
                break;
            case "shost" or "sourceHostName":
                ev.Fields["source.domain"] = Value(raw, state.Escapes);
                break;
            case "dvc" or "deviceAddress":
                ev.Fields["observer.ip"] = Value(raw, state.Escapes);
                break;
            case "sproc" or "dproc" or "deviceProcessName" or "sourceProcessName" or "destinationProcessName":
                ev.ProcessName ??= Value(raw, state.Escapes);
                break;
            case "fname" or "fileName":
                ev.Fields["file.name"] = Value(raw, state.Escapes);
                break;
            case "filePath":
                ev.Fields["file.path"] = Value(raw, state.Escapes);
                break;
            case "requestMethod":
                ev.Fields["http.request.method"] = Value(raw, state.Escapes);
                break;
            case "requestClientApplication":
                ev.Fields["user_agent.original"] = Value(raw, state.Escapes);
                break;
            case "destinationDnsDomain":
                ev.Domain = Value(raw, state.Escapes);
                break;
            case "rt" or "receiptTime":
                SetTime(ref state, raw, 3);
                break;
            case "end" or "endTime":
                SetTime(ref state, raw, 2);
                break;
            case "start" or "startTime":
                SetTime(ref state, raw, 1);
                break;
            default:
                ev.Fields[CefFieldNames.For(key)] = Value(raw, state.Escapes);
                break;
        }
    }

    private static void SetTime(ref ExtensionState state, ReadOnlySpan<char> raw, int rank)
    {
        if (rank > state.TimeRank)
        {
            state.Time = raw;
            state.TimeRank = rank;
        }
    }

    private static bool IsCustomKey(ReadOnlySpan<char> key) =>
        key.StartsWith("cs") || key.StartsWith("cn") || key.StartsWith("cfp") || key.StartsWith("c6a") || key.StartsWith("flex")
        || key.StartsWith("deviceCustom");

    private static void ApplyLabels(NormalizedEvent ev, ref ExtensionState state)
    {
        for (var i = 0; i < state.LabelCount; i++)
        {
            ApplyLabel(ev, state.Labels[i]);
        }
        foreach (var label in state.MoreLabels ?? [])
        {
            ApplyLabel(ev, label);
        }
    }

    private static void ApplyLabel(NormalizedEvent ev, (string FieldName, string LabelName) label)
    {
        if (ev.HasFields && ev.Fields.TryGetValue(label.FieldName, out var value))
        {
            ev.Fields[label.LabelName] = value;
        }
    }

    private static EventOutcome Outcome(ReadOnlySpan<char> raw)
    {
        raw = raw.TrimStart('/');
        if (raw.StartsWith("success", StringComparison.OrdinalIgnoreCase) || raw.Equals("allow", StringComparison.OrdinalIgnoreCase))
        {
            return EventOutcome.Success;
        }
        return raw.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || raw.Equals("deny", StringComparison.OrdinalIgnoreCase)
            ? EventOutcome.Failure
            : EventOutcome.Unknown;
    }

    private static readonly string[] TimeFormats =
    [
        "MMM dd yyyy HH:mm:ss", "MMM dd yyyy HH:mm:ss.fff", "dd MMMM yyyy HH:mm:ss", "d MMMM yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss",
    ];

    // CEF times: epoch milliseconds, "MMM dd yyyy HH:mm:ss[.SSS][ zone]", "MMM dd HH:mm:ss", ISO 8601.
    internal static bool TryTime(string value, ParseOptions options, out DateTimeOffset utc) => TryTime(value.AsSpan(), options, out utc);

    internal static bool TryTime(ReadOnlySpan<char> value, ParseOptions options, out DateTimeOffset utc)
    {
        var span = value.Trim();
        utc = default;
        if (span.IsEmpty)
        {
            return false;
        }
        if (Numbers.TryLong(span, out var epoch))
        {
            if (epoch is < 0 or > 253402300799999)
            {
                return false;
            }
            // Seconds until 5138 AD are below 1e11; milliseconds since 1973 are above.
            utc = epoch < 100_000_000_000 ? DateTimeOffset.FromUnixTimeSeconds(epoch) : DateTimeOffset.FromUnixTimeMilliseconds(epoch);
            return true;
        }
        var zone = options.TimeZone;
        if (span.EndsWith(" GMT", StringComparison.OrdinalIgnoreCase) || span.EndsWith(" UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            span = span[..^4];
        }
        if (SyslogTimestamps.TryReadBsd(span, zone, options.ReceivedAt, out utc, out _) || SyslogTimestamps.TryReadIso(span, zone, out utc, out _))
        {
            return true;
        }
        if (DateTime.TryParseExact(span, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowInnerWhite, out var local))
        {
            return SyslogTimestamps.TryBuild(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, local.Ticks % TimeSpan.TicksPerSecond, zone, out utc);
        }
        return false;
    }
}
