using System.Globalization;
using System.Text.Json;
using MsspPortal.Core.Events;
using MsspPortal.Core.Parsing;

namespace MsspPortal.Core.Conformance;

/// <summary>
/// Compares our parse of a log file with an upstream project's parsed output (Apache Metron's field names), record by
/// record. The comparer is chosen by the shape of the expected records; field names are mapped onto ours.
/// </summary>
public static class ExpectedOutputs
{
    private static readonly HashSet<string> MetronLeefOnly = ["original_string", "timestamp", "source.type", "guid", "ip_src_addr", "DeviceVendor", "DeviceProduct", "DeviceVersion", "DeviceEvent"];

    // Any fixed receive time works for lines that carry a year; Metron's own year is recovered per record
    // otherwise.
    private static readonly ParseOptions Fixed = ParseOptions.Utc(new DateTimeOffset(2016, 6, 15, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Returns how many records were compared and every difference found.</summary>
    public static (int Records, IReadOnlyList<string> Failures) Compare(string logText, string expectedText)
    {
        var expected = Records(expectedText);
        var failures = new List<string>();
        if (expected.Count == 0)
        {
            return (0, ["the expected output holds no records"]);
        }
        var first = expected[0];
        Action<JsonElement, List<string>>? perRecord =
            Has(first, "ciscotag") ? CiscoAsa
            : Has(first, "syslog.header.version") ? Rfc5424
            : Has(first, "syslog.header.pri") ? Rfc3164
            : Has(first, "DeviceVendor") ? Leef
            : Has(first, "device_vendor") ? MetronCef
            : null;
        if (perRecord is not null)
        {
            foreach (var record in expected)
            {
                if (!Has(record, "original_string"))
                {
                    failures.Add("an expected record has no original_string");
                    continue;
                }
                perRecord(record, failures);
            }
            return (expected.Count, failures);
        }
        if (Has(first, "ip_src_addr") || Has(first, "bro_timestamp"))
        {
            Zeek(logText, expected, failures);
            return (expected.Count, failures);
        }
        return (expected.Count, ["unknown expected-output shape (fields: " + string.Join(", ", first.EnumerateObject().Take(6).Select(p => p.Name)) + ")"]);
    }

    internal static List<JsonElement> Records(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('['))
        {
            return [.. JsonDocument.Parse(trimmed).RootElement.EnumerateArray()];
        }
        // NDJSON, or one pretty-printed object (Metron's cyberark.json).
        try
        {
            return [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];
        }
        catch (JsonException)
        {
            return [JsonDocument.Parse(text).RootElement];
        }
    }

    private static void Rfc3164(JsonElement expected, List<string> failures)
    {
        if (ParseAt(expected, LogFormat.Rfc3164, failures) is not { } ev)
        {
            return;
        }
        Same(failures, expected, "syslog.header.hostName", ev.HostName);
        Same(failures, expected, "syslog.header.pri", ev.Get("syslog.priority"));
        Same(failures, expected, "syslog.header.facility", ev.Get("syslog.facility.code"));
        Same(failures, expected, "syslog.header.severity", ev.Get("syslog.severity.code"));
        // Our decoders move the text after the ASA tag into Message; rebuild the syslog MSG Metron reports.
        Same(failures, expected, "syslog.message", ev.Get("cisco.tag") is { } tag ? $"%{tag}: {ev.Message}" : ev.Message);
        SameTime(failures, expected, ev);
    }

    private static void Rfc5424(JsonElement expected, List<string> failures)
    {
        if (ParseAt(expected, LogFormat.Rfc5424, failures) is not { } ev)
        {
            return;
        }
        foreach (var property in expected.EnumerateObject())
        {
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
                "timestamp" => ev.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                _ when property.Name.StartsWith("syslog.structuredData.", StringComparison.Ordinal) =>
                    ev.Get("syslog.sd." + property.Name["syslog.structuredData.".Length..]),
                _ => Text(property.Value), // run-dependent or Metron-only (guid, source.type, the header's timestamp text)
            };
            Same(failures, expected, property.Name, actual);
        }
    }

    private static void CiscoAsa(JsonElement expected, List<string> failures)
    {
        if (ParseAt(expected, LogFormat.Auto, failures) is not { } ev)
        {
            return;
        }
        if (ev.Format != LogFormat.Rfc3164)
        {
            failures.Add($"detected {ev.Format}, not RFC 3164: {Line(expected)}");
        }
        SameTime(failures, expected, ev);
        Same(failures, expected, "ciscotag", ev.Get("cisco.tag"));
        Same(failures, expected, "syslog_facility", ev.Get("syslog.facility.name"));
        // Metron names two severities its own way.
        var severity = Text(expected, "syslog_severity") switch { "error" => "err", "warn" => "warning", var other => other };
        if (severity != ev.Get("syslog.severity.name"))
        {
            failures.Add($"syslog_severity: expected {severity}, got {ev.Get("syslog.severity.name")} in {Line(expected)}");
        }
        SameIfPresent(failures, expected, "syslog_host", ev.HostName);
        SameIfPresent(failures, expected, "ip_src_addr", ev.SourceIp);
        SameIfPresent(failures, expected, "ip_dst_addr", ev.DestinationIp);
        SameIfPresent(failures, expected, "ip_src_port", ev.SourcePort?.ToString(CultureInfo.InvariantCulture));
        SameIfPresent(failures, expected, "ip_dst_port", ev.DestinationPort?.ToString(CultureInfo.InvariantCulture));
        SameIfPresent(failures, expected, "protocol", ev.NetworkTransport);
        SameIfPresent(failures, expected, "action", ev.Get("cisco.action"));
    }

    private static void Leef(JsonElement expected, List<string> failures)
    {
        var line = Line(expected);
        var outcome = LogLineParser.Parse(line, LogFormat.Auto, Fixed);
        if (outcome.Event is not { } ev)
        {
            failures.Add($"quarantined ({outcome.Error}): {line}");
            return;
        }
        if (ev.Format != LogFormat.Leef)
        {
            failures.Add($"detected {ev.Format}, not LEEF: {line}");
        }
        Same(failures, expected, "DeviceVendor", ev.ObserverVendor);
        Same(failures, expected, "DeviceProduct", ev.ObserverProduct);
        Same(failures, expected, "DeviceVersion", ev.Get("observer.version"));
        Same(failures, expected, "DeviceEvent", ev.RuleId);
        SameIfPresent(failures, expected, "ip_src_addr", ev.SourceIp);
        foreach (var property in expected.EnumerateObject().Where(p => !MetronLeefOnly.Contains(p.Name)))
        {
            var value = Text(property.Value);
            if (!ev.Fields.TryGetValue("leef." + property.Name, out var actual))
            {
                failures.Add($"missing leef.{property.Name} in {line}");
                continue;
            }
            // Metron splits attributes on tabs only, so "sev=8 cn1=37" gives sev "8 cn1"; we also end a value at " key=".
            var metronRunOn = value is not null && value.StartsWith(actual + " ", StringComparison.Ordinal) && !value[(actual.Length + 1)..].Contains(' ', StringComparison.Ordinal);
            if (value != actual && !metronRunOn)
            {
                failures.Add($"leef.{property.Name}: expected {value}, got {actual} in {line}");
            }
        }
    }

    private static void MetronCef(JsonElement expected, List<string> failures)
    {
        var line = Line(expected);
        var outcome = LogLineParser.Parse(line, LogFormat.Auto, ReceivedAfter(expected));
        if (outcome.Event is not { } ev)
        {
            failures.Add($"quarantined ({outcome.Error}): {line}");
            return;
        }
        SameIfPresent(failures, expected, "deviceAction", ev.EventAction);
        SameIfPresent(failures, expected, "deviceAddress", ev.Get("observer.ip"));
        Same(failures, expected, "device_vendor", ev.ObserverVendor);
        SameIfPresent(failures, expected, "device_product", ev.ObserverProduct);
        SameIfPresent(failures, expected, "device_version", ev.Get("observer.version"));
        SameIfPresent(failures, expected, "event_class_id", ev.RuleId);
        SameIfPresent(failures, expected, "event_name", ev.RuleName);
        SameIfPresent(failures, expected, "fileName", ev.Get("file.name"));
        SameIfPresent(failures, expected, "message", ev.Message);
        SameIfPresent(failures, expected, "src_hostname", ev.Get("source.domain"));
        SameIfPresent(failures, expected, "src_username", ev.UserName);
        if (Has(expected, "timestamp"))
        {
            SameTime(failures, expected, ev);
        }
        // Custom labels: Metron keeps a quoted label's quotes and a value's trailing space as keys; we drop both.
        foreach (var property in expected.EnumerateObject().Where(p => p.Name.Length > 2 && p.Name[0] == '"' && p.Name[^1] == '"'))
        {
            var label = "cef." + property.Name[1..^1];
            var value = Text(property.Value)?.TrimEnd();
            if (ev.Get(label) != value)
            {
                failures.Add($"{label}: expected {value}, got {ev.Get(label)}");
            }
        }
    }

    private static void Zeek(string logText, List<JsonElement> expected, List<string> failures)
    {
        var actual = LogTextParser.ParseText(logText, LogFormat.Auto, Fixed).ToList();
        if (actual.Count != expected.Count)
        {
            failures.Add($"{actual.Count} records parsed, {expected.Count} expected");
            return;
        }
        for (var i = 0; i < actual.Count; i++)
        {
            if (actual[i].Event is not { } ev)
            {
                failures.Add($"record {i + 1} quarantined: {actual[i].Error}");
                continue;
            }
            var record = expected[i];
            SameIfPresent(failures, record, "ip_src_addr", ev.SourceIp, $"record {i + 1}");
            SameIfPresent(failures, record, "ip_dst_addr", ev.DestinationIp, $"record {i + 1}");
            if (ev.ObserverVendor != "Zeek")
            {
                failures.Add($"record {i + 1}: not read as Zeek (vendor {ev.ObserverVendor})");
            }
            if (Has(record, "timestamp") && record.GetProperty("timestamp").GetInt64() != ev.Timestamp.ToUnixTimeMilliseconds())
            {
                failures.Add($"record {i + 1}: timestamp expected {record.GetProperty("timestamp").GetInt64()}, got {ev.Timestamp.ToUnixTimeMilliseconds()}");
            }
        }
    }

    // Parses original_string as if it arrived an hour after Metron's timestamp, so the inferred year matches.
    private static NormalizedEvent? ParseAt(JsonElement expected, LogFormat format, List<string> failures)
    {
        var line = Line(expected);
        var outcome = LogLineParser.Parse(line, format, ReceivedAfter(expected));
        if (outcome.Event is null)
        {
            failures.Add($"quarantined ({outcome.Error}): {line}");
        }
        return outcome.Event;
    }

    private static ParseOptions ReceivedAfter(JsonElement expected) =>
        expected.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number
            ? ParseOptions.Utc(DateTimeOffset.FromUnixTimeMilliseconds(t.GetInt64()).AddHours(1))
            : Fixed;

    private static void SameTime(List<string> failures, JsonElement expected, NormalizedEvent ev)
    {
        var want = expected.GetProperty("timestamp").GetInt64();
        if (want != ev.Timestamp.ToUnixTimeMilliseconds())
        {
            failures.Add($"timestamp: expected {want}, got {ev.Timestamp.ToUnixTimeMilliseconds()} in {Line(expected)}");
        }
    }

    private static void Same(List<string> failures, JsonElement expected, string name, string? actual)
    {
        var value = Text(expected, name);
        if (value != actual)
        {
            failures.Add($"{name}: expected {value ?? "(absent)"}, got {actual ?? "(absent)"} in {Line(expected)}");
        }
    }

    private static void SameIfPresent(List<string> failures, JsonElement expected, string name, string? actual, string? where = null)
    {
        if (expected.TryGetProperty(name, out var property) && Text(property) != actual)
        {
            failures.Add($"{name}: expected {Text(property)}, got {actual ?? "(absent)"} in {where ?? Line(expected)}");
        }
    }

    private static bool Has(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out _);

    private static string Line(JsonElement expected) => Text(expected, "original_string") ?? "(no original_string)";

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? Text(v) : null;

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Null => null,
        _ => v.GetRawText(),
    };
}
