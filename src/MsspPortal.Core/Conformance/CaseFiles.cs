using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.Conformance;

/// <summary>
/// Case files: a JSON object whose "cases" array holds inputs with the upstream project's expectations —
/// CEF decode cases (logstash-codec-cef shape), netfilter/syslog pattern cases (logstash-patterns-core shape) and
/// syslog framing cases (Telegraf shape). Each case gives its id and the differences found, none when it conforms.
/// </summary>
public static partial class CaseFiles
{
    private static readonly string[] CefHeaderNames = ["version", "deviceVendor", "deviceProduct", "deviceVersion", "deviceEventClassId", "name", "severity"];

    private static readonly ParseOptions Options2016 = ParseOptions.Utc(new DateTimeOffset(2016, 6, 15, 12, 0, 0, TimeSpan.Zero));

    // Telegraf's cases were recorded late in 2026; any later receive time keeps their years.
    private static readonly ParseOptions FramingOptions = ParseOptions.Utc(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));

    public enum Kind
    {
        Unknown,
        Cef,
        Netfilter,
        Framing,
    }

    /// <summary>The cases of a case file, or null when the text is not one.</summary>
    public static JsonElement[]? Cases(string text)
    {
        if (!text.TrimStart().StartsWith('{'))
        {
            return null;
        }
        try
        {
            var root = JsonDocument.Parse(text).RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("cases", out var cases) && cases.ValueKind == JsonValueKind.Array
                ? [.. cases.EnumerateArray()]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Kind KindOf(JsonElement c) =>
        c.TryGetProperty("input_txt", out _) ? Kind.Framing
        : c.TryGetProperty("expected_legacy_fields", out _) || (c.TryGetProperty("spec", out _) && c.TryGetProperty("input", out _)) ? Kind.Netfilter
        : c.TryGetProperty("expected_header", out _) || c.TryGetProperty("expected_extension", out _) || c.TryGetProperty("expect_parse_failure", out _) ? Kind.Cef
        : Kind.Unknown;

    public static string Id(JsonElement c) =>
        (c.TryGetProperty("id", out var id) ? id : c.GetProperty("case")).GetString() ?? "?";

    /// <summary>Inputs a CEF case file says must fail: lines of a log file that may be quarantined.</summary>
    public static IEnumerable<string> ExpectedFailures(IEnumerable<JsonElement> cases) =>
        cases.Where(c => KindOf(c) == Kind.Cef && c.TryGetProperty("expect_parse_failure", out _)).Select(c => c.GetProperty("input").GetString()!);

    public static IReadOnlyList<string> Check(JsonElement c) => KindOf(c) switch
    {
        Kind.Cef => Cef(c),
        Kind.Netfilter => Netfilter(c),
        Kind.Framing => Framing(c),
        _ => ["unknown case shape"],
    };

    public static IReadOnlyList<string> Cef(JsonElement c)
    {
        var failures = new List<string>();
        var input = c.GetProperty("input").GetString()!;
        var outcome = LogLineParser.Parse(input, LogFormat.Cef, Options2016);
        if (c.TryGetProperty("expect_parse_failure", out _))
        {
            if (outcome.Event is not null || outcome.Error?.StartsWith("CEF: ", StringComparison.Ordinal) != true)
            {
                failures.Add($"expected a CEF parse failure, got {(outcome.Event is null ? outcome.Error : "an event")}");
            }
            return failures;
        }
        if (outcome.Event is null)
        {
            return [$"quarantined: {outcome.Error}"];
        }
        var marker = input.IndexOf("CEF:", StringComparison.Ordinal);
        Span<Range> header = stackalloc Range[7];
        if (CefParser.SplitHeader(input, marker + 4, header, out var extensionStart) != 7)
        {
            return ["the header does not split into 7 fields"];
        }
        if (c.TryGetProperty("expected_header", out var expectedHeader))
        {
            for (var i = 0; i < CefHeaderNames.Length; i++)
            {
                var want = expectedHeader.GetProperty(CefHeaderNames[i]).GetString();
                var got = CefParser.UnescapeHeader(input.AsSpan()[header[i]]).Trim();
                if (want != got)
                {
                    failures.Add($"header {CefHeaderNames[i]}: expected {want}, got {got}");
                }
            }
        }
        if (c.TryGetProperty("expected_extension", out var expectedExtension))
        {
            var actual = ReadCefExtension(input[extensionStart..]);
            foreach (var property in expectedExtension.EnumerateObject())
            {
                if (!actual.TryGetValue(property.Name, out var value))
                {
                    failures.Add($"missing extension key {property.Name}");
                }
                else if (value != property.Value.GetString())
                {
                    failures.Add($"extension {property.Name}: expected {property.Value.GetString()}, got {value}");
                }
            }
        }
        return failures;
    }

    /// <summary>The extension's raw keys and unescaped values, as the logstash codec reports them.</summary>
    public static Dictionary<string, string> ReadCefExtension(string extension)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new CefExtensionReader(extension);
        while (reader.MoveNext())
        {
            result[reader.Key.ToString()] = CefParser.UnescapeValue(reader.RawValue);
        }
        return result;
    }

    public static IReadOnlyList<string> Netfilter(JsonElement c)
    {
        var outcome = LogLineParser.Parse(c.GetProperty("input").GetString()!, LogFormat.Auto, Options2016);
        if (outcome.Event is not { } ev)
        {
            return [$"quarantined: {outcome.Error}"];
        }
        if (!c.TryGetProperty("expected_legacy_fields", out var expected))
        {
            // The "pattern must not match" cases are valid netfilter lines for us.
            return ev.SourceIp is null || ev.DestinationIp is null ? ["no source or destination address"] : [];
        }
        var failures = new List<string>();
        foreach (var property in expected.EnumerateObject())
        {
            var value = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetString();
            string? actual = property.Name switch
            {
                "nf_src_ip" => ev.SourceIp,
                "nf_dst_ip" => ev.DestinationIp,
                "nf_src_port" => ev.SourcePort?.ToString(CultureInfo.InvariantCulture),
                "nf_dst_port" => ev.DestinationPort?.ToString(CultureInfo.InvariantCulture),
                "nf_protocol" => ev.NetworkTransport?.ToUpperInvariant(),
                "nf_in_interface" => ev.Get("observer.ingress.interface.name"),
                "nf_out_interface" => ev.Get("observer.egress.interface.name"),
                "nf_src_mac" => ev.Get("source.mac"),
                "nf_dst_mac" => ev.Get("destination.mac"),
                "nf_len" => ev.Get("netfilter.len"),
                "nf_tos" => ev.Get("netfilter.tos"),
                "nf_prec" => ev.Get("netfilter.prec"),
                "nf_ttl" => ev.Get("netfilter.ttl"),
                "nf_id" => ev.Get("netfilter.id"),
                "nf_host" or "syslog5424_host" => ev.HostName,
                // Shorewall splits the prefix into several actions; each must be part of our prefix.
                "nf_action" or "nf_action1" or "nf_action2" => ev.Get("netfilter.prefix") is { } p && value is not null && p.Contains(value, StringComparison.Ordinal) ? value : ev.Get("netfilter.prefix"),
                "nagios_epoch" => ev.Get("kernel.uptime"),
                "timestamp" or "syslog5424_ts" => value, // time texts; the instant is checked below
                "syslog5424_msgid" => ev.Get("syslog.msgid"),
                _ => "(unmapped expectation)",
            };
            if (value != actual)
            {
                failures.Add($"{property.Name}: expected {value ?? "(absent)"}, got {actual ?? "(absent)"}");
            }
        }
        if (expected.TryGetProperty("syslog5424_ts", out var ts))
        {
            // DateTimeOffset cannot hold a leap second: read :59 and add it back.
            var text = ts.GetString()!.Replace(":60-", ":59-", StringComparison.Ordinal).Replace(":60+", ":59+", StringComparison.Ordinal).Replace(":60Z", ":59Z", StringComparison.Ordinal);
            var want = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime.AddSeconds(text == ts.GetString() ? 0 : 1);
            if (want != ev.Timestamp.UtcDateTime)
            {
                failures.Add($"time: expected {want:O}, got {ev.Timestamp.UtcDateTime:O}");
            }
        }
        return failures;
    }

    public static IReadOnlyList<string> Framing(JsonElement c)
    {
        var name = Id(c);
        var input = Encoding.UTF8.GetBytes(c.GetProperty("input_txt").GetString()!);
        var format = name.StartsWith("rfc3164", StringComparison.Ordinal) ? LogFormat.Rfc3164 : LogFormat.Rfc5424;
        var events = new List<NormalizedEvent>();
        var errors = new List<string>();
        if (name.Contains("udp", StringComparison.Ordinal))
        {
            Collect(LogLineParser.Parse(input, format, FramingOptions), events, errors);
        }
        else
        {
            var framing = name.Contains("octet_counting", StringComparison.Ordinal) ? SyslogFraming.OctetCounting : SyslogFraming.NonTransparent;
            // Small chunks: a frame split across reads must come out whole.
            foreach (var frame in DecodeInChunks(input, framing, chunkSize: 3))
            {
                if (frame.Error is not null)
                {
                    errors.Add(frame.Error);
                }
                else
                {
                    Collect(LogLineParser.Parse(frame.Message, format, FramingOptions), events, errors);
                }
            }
        }

        var failures = new List<string>();
        if (c.TryGetProperty("expected_err", out var expectedError))
        {
            var text = expectedError.GetString()!;
            if (errors.Count == 0)
            {
                failures.Add($"expected an error like \"{text}\", got none");
            }
            else if (text.StartsWith("found EOF", StringComparison.Ordinal) && !errors[0].Contains(text, StringComparison.Ordinal))
            {
                failures.Add($"expected the error \"{text}\", got \"{errors[0]}\"");
            }
        }
        else if (errors.Count > 0)
        {
            failures.Add("unexpected error: " + errors[0]);
        }
        var bestEffort = name.Contains("best_effort", StringComparison.Ordinal);
        if (!c.TryGetProperty("expected_out", out var expectedOut) || (bestEffort && errors.Count > 0))
        {
            // Telegraf's best-effort mode keeps a partial event next to the error; we quarantine the message instead.
            return failures;
        }
        var expectedLines = expectedOut.GetString()!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (expectedLines.Length != events.Count)
        {
            failures.Add($"{events.Count} messages, {expectedLines.Length} expected");
            return failures;
        }
        for (var i = 0; i < expectedLines.Length; i++)
        {
            Compare(expectedLines[i], events[i], failures);
        }
        return failures;
    }

    public static List<SyslogFrame> DecodeInChunks(byte[] input, SyslogFraming framing, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(input);
        var decoder = new SyslogFrameDecoder(framing);
        var frames = new List<SyslogFrame>();
        for (var i = 0; i < input.Length; i += chunkSize)
        {
            decoder.Decode(input.AsSpan(i, Math.Min(chunkSize, input.Length - i)), frames);
        }
        decoder.Complete(frames);
        return frames;
    }

    private static void Collect(ParseOutcome outcome, List<NormalizedEvent> events, List<string> errors)
    {
        if (outcome.Event is { } ev)
        {
            events.Add(ev);
        }
        else
        {
            errors.Add(outcome.Error ?? "no event and no reason");
        }
    }

    // Telegraf's expected output is InfluxDB line protocol; its fields map onto ours.
    private static void Compare(string lineProtocol, NormalizedEvent ev, List<string> failures)
    {
        void Same(string what, string? expected, string? actual)
        {
            if (expected != actual)
            {
                failures.Add($"{what}: expected {expected ?? "(absent)"}, got {actual ?? "(absent)"}");
            }
        }

        Same("facility_code", Value(lineProtocol, FacilityCode()), ev.Get("syslog.facility.code"));
        Same("severity_code", Value(lineProtocol, SeverityCode()), ev.Get("syslog.severity.code"));
        Same("hostname", Value(lineProtocol, HostName()), ev.HostName);
        Same("appname", Value(lineProtocol, AppName()), ev.ProcessName);
        Same("msgid", Value(lineProtocol, MsgId()), ev.Get("syslog.msgid"));
        Same("procid", Value(lineProtocol, ProcId()), ev.Get("process.pid"));
        Same("version", Value(lineProtocol, Version()), ev.Get("syslog.version"));
        var message = Value(lineProtocol, Message());
        Same("message", message?.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal), ev.Message);
        if (Value(lineProtocol, Timestamp()) is { } nanos)
        {
            Same("timestamp", (long.Parse(nanos, CultureInfo.InvariantCulture) / 1_000_000).ToString(CultureInfo.InvariantCulture),
                ev.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }
        if (Value(lineProtocol, MetaSequence()) is { } sequence)
        {
            Same("meta_sequence", sequence, ev.Get("syslog.sd.meta.sequence"));
            Same("origin", "true", ev.Get("syslog.sd.origin"));
        }
    }

    private static string? Value(string text, Regex pattern) => pattern.Match(text) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"facility_code=(\d+)i")]
    private static partial Regex FacilityCode();

    [GeneratedRegex(@"severity_code=(\d+)i")]
    private static partial Regex SeverityCode();

    [GeneratedRegex("hostname=([^, ]+)")]
    private static partial Regex HostName();

    [GeneratedRegex("appname=([^, ]+)")]
    private static partial Regex AppName();

    [GeneratedRegex("msgid=\"([^\"]*)\"")]
    private static partial Regex MsgId();

    [GeneratedRegex("procid=\"([^\"]*)\"")]
    private static partial Regex ProcId();

    [GeneratedRegex(@"version=(\d+)u")]
    private static partial Regex Version();

    [GeneratedRegex("message=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Message();

    [GeneratedRegex(@"timestamp=(\d+)i")]
    private static partial Regex Timestamp();

    [GeneratedRegex("meta_sequence=\"([^\"]*)\"")]
    private static partial Regex MetaSequence();
}
