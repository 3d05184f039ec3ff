using System.Text.Json;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.UnitTests.Parsing;

/// <summary>Metron's parsed output for the RFC 3164, RFC 5424 and Cisco ASA samples, mapped to our field names.</summary>
public sealed class SyslogExpectedOutputTests
{
    [Fact]
    public void Rfc3164_lines_match_metron_header_fields()
    {
        var checkedLines = 0;
        foreach (var expected in Expected("syslog/metron-rfc3164/Syslog3164Parsed.ndjson"))
        {
            var ev = ParseAt(expected, LogFormat.Rfc3164);
            Assert.Equal(S(expected, "syslog.header.hostName"), ev.HostName);
            Assert.Equal(S(expected, "syslog.header.pri"), ev.Fields["syslog.priority"]);
            Assert.Equal(S(expected, "syslog.header.facility"), ev.Fields["syslog.facility.code"]);
            Assert.Equal(S(expected, "syslog.header.severity"), ev.Fields["syslog.severity.code"]);
            Assert.Equal(S(expected, "syslog.message"), RawMessage(ev));
            Assert.Equal(expected.GetProperty("timestamp").GetInt64(), ev.Timestamp.ToUnixTimeMilliseconds());
            checkedLines++;
        }
        Assert.True(checkedLines >= 99);
    }

    [Fact]
    public void Rfc5424_lines_match_metron_header_and_structured_data()
    {
        var checkedLines = 0;
        foreach (var expected in Expected("syslog/metron-rfc5424/Syslog5424Parsed.ndjson"))
        {
            var ev = ParseAt(expected, LogFormat.Rfc5424);
            foreach (var property in expected.EnumerateObject())
            {
                var value = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText();
                string? actual = property.Name switch
                {
                    "syslog.header.hostName" => ev.HostName,
                    "syslog.header.appName" => ev.ProcessName,
                    "syslog.header.procId" => ev.Get("process.pid"),
                    "syslog.header.msgId" => ev.Get("syslog.msgid") ?? "-",
                    "syslog.header.pri" => ev.Get("syslog.priority"),
                    "syslog.header.facility" => ev.Get("syslog.facility.code"),
                    "syslog.header.severity" => ev.Get("syslog.severity.code"),
                    "syslog.header.version" => ev.Get("syslog.version"),
                    "syslog.message" => ev.Message,
                    "timestamp" => ev.Timestamp.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                    _ when property.Name.StartsWith("syslog.structuredData.", StringComparison.Ordinal) =>
                        ev.Get("syslog.sd." + property.Name["syslog.structuredData.".Length..]),
                    _ => value,
                };
                Assert.True(value == actual, $"{property.Name}: expected {value}, got {actual}");
            }
            checkedLines++;
        }
        Assert.Equal(3, checkedLines);
    }

    [Fact]
    public void Cisco_asa_lines_match_metron_fields()
    {
        var checkedLines = 0;
        foreach (var expected in Expected("syslog/metron-cisco-asa/asa_parsed.ndjson"))
        {
            var ev = ParseAt(expected, LogFormat.Auto);
            Assert.Equal(LogFormat.Rfc3164, ev.Format);
            Assert.Equal(expected.GetProperty("timestamp").GetInt64(), ev.Timestamp.ToUnixTimeMilliseconds());
            Assert.Equal(S(expected, "ciscotag"), ev.Get("cisco.tag"));
            Assert.Equal(S(expected, "syslog_facility"), ev.Get("syslog.facility.name"));
            Assert.Equal(S(expected, "syslog_severity") switch { "error" => "err", "warn" => "warning", var other => other }, ev.Get("syslog.severity.name"));
            if (S(expected, "syslog_host") is { } host)
            {
                Assert.Equal(host, ev.HostName);
            }
            AssertIfPresent(expected, "ip_src_addr", ev.SourceIp);
            AssertIfPresent(expected, "ip_dst_addr", ev.DestinationIp);
            AssertIfPresent(expected, "ip_src_port", ev.SourcePort?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AssertIfPresent(expected, "ip_dst_port", ev.DestinationPort?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            AssertIfPresent(expected, "protocol", ev.NetworkTransport);
            AssertIfPresent(expected, "action", ev.Get("cisco.action"));
            checkedLines++;
        }
        Assert.True(checkedLines >= 127);
    }

    /// <summary>Parses original_string as if it arrived an hour after Metron's timestamp, so the inferred year matches.</summary>
    private static NormalizedEvent ParseAt(JsonElement expected, LogFormat format)
    {
        var line = expected.GetProperty("original_string").GetString()!;
        var received = DateTimeOffset.FromUnixTimeMilliseconds(expected.GetProperty("timestamp").GetInt64()).AddHours(1);
        var outcome = LogLineParser.Parse(line, format, ParseOptions.Utc(received));
        Assert.True(outcome.Event is not null, $"{outcome.Error}: {line}");
        return outcome.Event!;
    }

    // Our decoders move the text after the ASA tag into Message; rebuild the syslog MSG Metron reports.
    private static string? RawMessage(NormalizedEvent ev) =>
        ev.Get("cisco.tag") is { } tag ? $"%{tag}: {ev.Message}" : ev.Message;

    private static void AssertIfPresent(JsonElement expected, string name, string? actual)
    {
        if (expected.TryGetProperty(name, out var value))
        {
            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            Assert.True(text == actual, $"{name}: expected {text}, got {actual} in {S(expected, "original_string")}");
        }
    }

    private static string? S(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;

    internal static IEnumerable<JsonElement> Expected(string file)
    {
        foreach (var line in Corpus.Lines(file))
        {
            yield return JsonDocument.Parse(line).RootElement;
        }
    }
}
