using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.LogTest;

// The JSON shape of a log-test line: {"line":N,"format":"cef","event":{ECS fields},"rules":[...]} or
// {"line":N,"format":"...","quarantined":"reason"}. Property names are encoded once, not per line. The event object
// is written straight as UTF-8 bytes (WriteLine), not through Utf8JsonWriter: most values are plain ASCII, which is
// copied as is after one vectorised check; any other value is escaped by JsonEncodedText, the same escaping
// Utf8JsonWriter applies, so the bytes are the same (LogTestJsonTests compares the two).
internal static class LogTestJson
{
    internal static readonly JsonEncodedText Rules = JsonEncodedText.Encode("rules");

    private static readonly byte[] ObserverVendor = PropertyName("observer.vendor");
    private static readonly byte[] ObserverProduct = PropertyName("observer.product");
    private static readonly byte[] HostName = PropertyName("host.name");
    private static readonly byte[] SourceIp = PropertyName("source.ip");
    private static readonly byte[] SourcePort = PropertyName("source.port");
    private static readonly byte[] DestinationIp = PropertyName("destination.ip");
    private static readonly byte[] DestinationPort = PropertyName("destination.port");
    private static readonly byte[] NetworkTransport = PropertyName("network.transport");
    private static readonly byte[] UserName = PropertyName("user.name");
    private static readonly byte[] EventAction = PropertyName("event.action");
    private static readonly byte[] EventOutcomeName = PropertyName("event.outcome");
    private static readonly byte[] EventCategory = PropertyName("event.category");
    private static readonly byte[] EventSeverity = PropertyName("event.severity");
    private static readonly byte[] RuleName = PropertyName("rule.name");
    private static readonly byte[] RuleId = PropertyName("rule.id");
    private static readonly byte[] Message = PropertyName("message");
    private static readonly byte[] ProcessName = PropertyName("process.name");
    private static readonly byte[] Url = PropertyName("url.original");
    private static readonly byte[] Domain = PropertyName("url.domain");
    private static readonly byte[] FileHash = PropertyName("file.hash");
    private static readonly byte[] SourceCountry = PropertyName("source.geo.country_iso_code");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText Techniques = JsonEncodedText.Encode("techniques");

    private static readonly JsonEncodedText[] FormatNames =
        [.. Enum.GetNames<LogFormat>().Select(n => JsonEncodedText.Encode(n.ToLowerInvariant()))];

    private static readonly JsonEncodedText[] SeverityNames =
        [.. Enum.GetNames<DetectionSeverity>().Select(n => JsonEncodedText.Encode(n.ToLowerInvariant()))];

    // ,"name": as UTF-8, escaped as Utf8JsonWriter would.
    internal static byte[] PropertyName(string name) => [.. ",\""u8, .. JsonEncodedText.Encode(name).EncodedUtf8Bytes, .. "\":"u8];

    // What ends the object of a parsed line when no rule fires; the consumer puts the rules in its place.
    internal static ReadOnlySpan<byte> NoRules => "\"rules\":[]}\n"u8;

    // Appends a line's whole object and its newline: {"line":N,"format":"cef","event":{...},"rules":[]} or
    // {"line":N,"format":"cef","quarantined":"reason"}. A parsed line ends with NoRules exactly.
    internal static void WriteLine(ArrayBufferWriter<byte> output, long number, ParseOutcome outcome, NameCache names)
    {
        var json = new ByteWriter(output);
        json.Raw("{\"line\":"u8);
        json.Number(number);
        json.Raw(",\"format\":"u8);
        json.Raw(FormatNames[(int)outcome.DetectedFormat].EncodedUtf8Bytes, quoted: true);
        if (outcome.Truncated)
        {
            json.Raw(",\"truncated\":true"u8);
        }
        if (outcome.Event is not { } ev)
        {
            json.Raw(",\"quarantined\":"u8);
            json.String(outcome.Error);
            json.Raw("}\n"u8);
            json.Flush();
            return;
        }
        json.Raw(",\"event\":{\"@timestamp\":"u8);
        json.Timestamp(ev.Timestamp);
        json.Property(ObserverVendor, ev.ObserverVendor);
        json.Property(ObserverProduct, ev.ObserverProduct);
        json.Property(HostName, ev.HostName);
        json.Property(SourceIp, ev.SourceIp);
        json.Property(SourcePort, ev.SourcePort);
        json.Property(DestinationIp, ev.DestinationIp);
        json.Property(DestinationPort, ev.DestinationPort);
        json.Property(NetworkTransport, ev.NetworkTransport);
        json.Property(UserName, ev.UserName);
        json.Property(EventAction, ev.EventAction);
        if (ev.Outcome != EventOutcome.Unknown)
        {
            json.Property(EventOutcomeName, ev.Outcome == EventOutcome.Success ? "success" : "failure");
        }
        json.Property(EventCategory, ev.EventCategory);
        json.Property(EventSeverity, ev.Severity);
        json.Property(RuleName, ev.RuleName);
        json.Property(RuleId, ev.RuleId);
        json.Property(Message, ev.Message);
        json.Property(ProcessName, ev.ProcessName);
        json.Property(Url, ev.Url);
        json.Property(Domain, ev.Domain);
        json.Property(FileHash, ev.FileHash);
        json.Property(SourceCountry, ev.SourceCountry);
        if (ev.HasFields)
        {
            foreach (var (name, value) in ev.Fields)
            {
                json.Property(names.Get(name), value);
            }
        }
        json.Raw("},"u8);
        json.Raw(NoRules);
        json.Flush();
    }

    internal static void WriteRules(Utf8JsonWriter json, List<DetectionResult> detections)
    {
        json.WriteStartArray(Rules);
        foreach (var detection in detections)
        {
            json.WriteStartObject();
            json.WriteString(Id, detection.RuleId);
            json.WriteString(Title, detection.RuleTitle);
            json.WriteString(Severity, SeverityNames[(int)detection.Severity]);
            json.WriteStartArray(Techniques);
            foreach (var technique in detection.Techniques)
            {
                json.WriteStringValue(technique);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}

// The encoded ",\"name\":" of the field names of one worker's lines. Names repeat on every line and are mostly the
// same string instances (pooled by the parsers), so a slot chosen by the instance's identity answers most lookups
// without hashing the text; the dictionary answers the rest. Bounded, because names come from the log lines
// themselves (CEF custom keys, JSON paths). One per thread: not thread-safe.
internal sealed class NameCache
{
    private const int MaxNames = 4096;
    private const int Slots = 256;

    private readonly string?[] _slotNames = new string?[Slots];
    private readonly byte[]?[] _slotBytes = new byte[]?[Slots];
    private readonly Dictionary<string, byte[]> _names = new(StringComparer.Ordinal);

    public byte[] Get(string name)
    {
        var slot = RuntimeHelpers.GetHashCode(name) & (Slots - 1);
        if (ReferenceEquals(_slotNames[slot], name))
        {
            return _slotBytes[slot]!;
        }
        if (!_names.TryGetValue(name, out var bytes))
        {
            bytes = LogTestJson.PropertyName(name);
            if (_names.Count < MaxNames)
            {
                _names[name] = bytes;
            }
        }
        _slotNames[slot] = name;
        _slotBytes[slot] = bytes;
        return bytes;
    }
}

// Appends JSON tokens as UTF-8 to a buffer: just what WriteLine needs. It writes into one span taken from the
// buffer and hands the bytes over in Flush: a GetSpan/Advance pair per token was a tenth of the JSON's cost.
internal ref struct ByteWriter(ArrayBufferWriter<byte> output)
{
    // ASCII that the default encoder leaves as it is, found by asking it (not from a list that could differ).
    private static readonly SearchValues<byte> Plain = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(c => JsonEncodedText.Encode(((char)c).ToString()).Value == ((char)c).ToString()).Select(c => (byte)c)]);

    private Span<byte> _span;
    private int _used;

    public void Raw(ReadOnlySpan<byte> bytes) => Write(bytes);

    public void Raw(ReadOnlySpan<byte> bytes, bool quoted)
    {
        var span = Take(bytes.Length + 2);
        span[0] = (byte)'"';
        bytes.CopyTo(span[1..]);
        span[bytes.Length + 1] = (byte)'"';
        _used += bytes.Length + 2;
    }

    /// <summary>A string value (null as JSON null, as Utf8JsonWriter writes it).</summary>
    public void String(string? value)
    {
        if (value is null)
        {
            Write("null"u8);
            return;
        }
        // Narrowed first, then checked as bytes: half the data to scan of a check on the UTF-16 text. Nothing is
        // kept (_used unchanged) when the value is not plain ASCII.
        var span = Take(value.Length + 2);
        if (Ascii.FromUtf16(value, span.Slice(1, value.Length), out _) != OperationStatus.Done
            || span.Slice(1, value.Length).ContainsAnyExcept(Plain))
        {
            Raw(JsonEncodedText.Encode(value).EncodedUtf8Bytes, quoted: true);
            return;
        }
        span[0] = (byte)'"';
        span[value.Length + 1] = (byte)'"';
        _used += value.Length + 2;
    }

    public void Property(byte[] name, string? value)
    {
        if (value is not null)
        {
            Write(name);
            String(value);
        }
    }

    public void Property(byte[] name, int? value)
    {
        if (value is { } number)
        {
            Write(name);
            Number(number);
        }
    }

    public void Number(long value)
    {
        Utf8Formatter.TryFormat(value, Take(20), out var written);
        _used += written;
    }

    /// <summary>As Utf8JsonWriter writes a DateTimeOffset: round-trip ("O") format, fraction trimmed of zeros.</summary>
    public void Timestamp(DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[40];
        value.TryFormat(text, out var length, "O", CultureInfo.InvariantCulture);
        // yyyy-MM-ddTHH:mm:ss.fffffff then the offset; keep the fraction only up to its last non-zero digit.
        const int Dot = 19;
        var digits = 7;
        while (digits > 0 && text[Dot + digits] == '0')
        {
            digits--;
        }
        var span = Take(length + 2);
        span[0] = (byte)'"';
        var keep = digits == 0 ? Dot : Dot + 1 + digits;
        text[..keep].CopyTo(span[1..]);
        text[(Dot + 8)..length].CopyTo(span[(1 + keep)..]);
        var total = keep + (length - Dot - 8);
        span[total + 1] = (byte)'"';
        _used += total + 2;
    }

    /// <summary>Hands what was written to the buffer. Nothing written after the last flush reaches it.</summary>
    public void Flush()
    {
        output.Advance(_used);
        _used = 0;
        _span = default;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Take(bytes.Length));
        _used += bytes.Length;
    }

    // Room for size more bytes, after what is written so far.
    private Span<byte> Take(int size)
    {
        if (_span.Length - _used < size)
        {
            output.Advance(_used);
            _used = 0;
            _span = output.GetSpan(Math.Max(size, 4096));
        }
        return _span[_used..];
    }
}
