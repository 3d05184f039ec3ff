using System.Text.Json;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.LogTest;

/// <summary>
/// The JSON shape of a log-test line: {"line":N,"format":"cef","event":{ECS fields},"rules":[...]} or
/// {"line":N,"format":"...","quarantined":"reason"}. Property names are encoded once, not per line.
/// </summary>
internal static class LogTestJson
{
    internal static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    internal static readonly JsonEncodedText Format = JsonEncodedText.Encode("format");
    internal static readonly JsonEncodedText Truncated = JsonEncodedText.Encode("truncated");
    internal static readonly JsonEncodedText Quarantined = JsonEncodedText.Encode("quarantined");
    internal static readonly JsonEncodedText Event = JsonEncodedText.Encode("event");
    internal static readonly JsonEncodedText Rules = JsonEncodedText.Encode("rules");

    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("@timestamp");
    private static readonly JsonEncodedText ObserverVendor = JsonEncodedText.Encode("observer.vendor");
    private static readonly JsonEncodedText ObserverProduct = JsonEncodedText.Encode("observer.product");
    private static readonly JsonEncodedText HostName = JsonEncodedText.Encode("host.name");
    private static readonly JsonEncodedText SourceIp = JsonEncodedText.Encode("source.ip");
    private static readonly JsonEncodedText SourcePort = JsonEncodedText.Encode("source.port");
    private static readonly JsonEncodedText DestinationIp = JsonEncodedText.Encode("destination.ip");
    private static readonly JsonEncodedText DestinationPort = JsonEncodedText.Encode("destination.port");
    private static readonly JsonEncodedText NetworkTransport = JsonEncodedText.Encode("network.transport");
    private static readonly JsonEncodedText UserName = JsonEncodedText.Encode("user.name");
    private static readonly JsonEncodedText EventAction = JsonEncodedText.Encode("event.action");
    private static readonly JsonEncodedText EventOutcomeName = JsonEncodedText.Encode("event.outcome");
    private static readonly JsonEncodedText EventCategory = JsonEncodedText.Encode("event.category");
    private static readonly JsonEncodedText EventSeverity = JsonEncodedText.Encode("event.severity");
    private static readonly JsonEncodedText RuleName = JsonEncodedText.Encode("rule.name");
    private static readonly JsonEncodedText RuleId = JsonEncodedText.Encode("rule.id");
    private static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
    private static readonly JsonEncodedText ProcessName = JsonEncodedText.Encode("process.name");
    private static readonly JsonEncodedText Url = JsonEncodedText.Encode("url.original");
    private static readonly JsonEncodedText Domain = JsonEncodedText.Encode("url.domain");
    private static readonly JsonEncodedText FileHash = JsonEncodedText.Encode("file.hash");
    private static readonly JsonEncodedText SourceCountry = JsonEncodedText.Encode("source.geo.country_iso_code");
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Severity = JsonEncodedText.Encode("severity");
    private static readonly JsonEncodedText Techniques = JsonEncodedText.Encode("techniques");

    private static readonly JsonEncodedText[] FormatNames =
        [.. Enum.GetNames<LogFormat>().Select(n => JsonEncodedText.Encode(n.ToLowerInvariant()))];

    private static readonly JsonEncodedText[] SeverityNames =
        [.. Enum.GetNames<DetectionSeverity>().Select(n => JsonEncodedText.Encode(n.ToLowerInvariant()))];

    private static readonly JsonEncodedText Success = JsonEncodedText.Encode("success");
    private static readonly JsonEncodedText Failure = JsonEncodedText.Encode("failure");

    // Field names are few and repeat on every line; encoding them once saves the escaping check per line.
    // Bounded because names come from the log lines themselves (CEF custom keys, JSON paths).
    private const int MaxCachedNames = 4096;
    [ThreadStatic] private static Dictionary<string, JsonEncodedText>? t_names;

    internal static JsonEncodedText FormatName(LogFormat format) => FormatNames[(int)format];

    internal static void WriteEvent(Utf8JsonWriter json, NormalizedEvent ev)
    {
        json.WriteStartObject(Event);
        json.WriteString(Timestamp, ev.Timestamp);
        WriteIfSet(json, ObserverVendor, ev.ObserverVendor);
        WriteIfSet(json, ObserverProduct, ev.ObserverProduct);
        WriteIfSet(json, HostName, ev.HostName);
        WriteIfSet(json, SourceIp, ev.SourceIp);
        if (ev.SourcePort is { } sourcePort)
        {
            json.WriteNumber(SourcePort, sourcePort);
        }
        WriteIfSet(json, DestinationIp, ev.DestinationIp);
        if (ev.DestinationPort is { } destinationPort)
        {
            json.WriteNumber(DestinationPort, destinationPort);
        }
        WriteIfSet(json, NetworkTransport, ev.NetworkTransport);
        WriteIfSet(json, UserName, ev.UserName);
        WriteIfSet(json, EventAction, ev.EventAction);
        if (ev.Outcome != EventOutcome.Unknown)
        {
            json.WriteString(EventOutcomeName, ev.Outcome == EventOutcome.Success ? Success : Failure);
        }
        WriteIfSet(json, EventCategory, ev.EventCategory);
        json.WriteNumber(EventSeverity, ev.Severity);
        WriteIfSet(json, RuleName, ev.RuleName);
        WriteIfSet(json, RuleId, ev.RuleId);
        WriteIfSet(json, Message, ev.Message);
        WriteIfSet(json, ProcessName, ev.ProcessName);
        WriteIfSet(json, Url, ev.Url);
        WriteIfSet(json, Domain, ev.Domain);
        WriteIfSet(json, FileHash, ev.FileHash);
        WriteIfSet(json, SourceCountry, ev.SourceCountry);
        if (ev.HasFields)
        {
            foreach (var (name, value) in ev.Fields)
            {
                json.WriteString(Name(name), value);
            }
        }
        json.WriteEndObject();
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

    private static void WriteIfSet(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static JsonEncodedText Name(string name)
    {
        var names = t_names ??= new Dictionary<string, JsonEncodedText>(StringComparer.Ordinal);
        if (names.TryGetValue(name, out var encoded))
        {
            return encoded;
        }
        encoded = JsonEncodedText.Encode(name);
        if (names.Count < MaxCachedNames)
        {
            names[name] = encoded;
        }
        return encoded;
    }
}
