using System.Text.Json;
using MsspPortal.Core.Events;

namespace MsspPortal.Core.Parsing.Json;

// One JSON object per event. Every scalar leaf is kept in Fields under its dotted path; a dialect mapper (Suricata,
// Windows Security, Zeek, Okta, CloudTrail) or the configured JsonFieldMapping fills the ECS properties.
internal static class JsonLogParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowTrailingCommas = true };

    internal static string? Parse(string line, ParseOptions options, NormalizedEvent ev)
    {
        ev.Format = LogFormat.Json;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return $"JSON: invalid at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}";
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"JSON: the root is {root.ValueKind}, not an object";
            }
            if (root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
            {
                var count = records.GetArrayLength();
                if (count != 1)
                {
                    return $"JSON: a Records envelope with {count} records; split it with JsonRecordSplitter (LogTextParser does)";
                }
                root = records[0];
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return "JSON: the record in the Records envelope is not an object";
                }
            }
            ev.Timestamp = options.ReceivedAt.ToUniversalTime();
            Flatten(root, null, ev.Fields, 0);
            if (options.JsonMapping is { } mapping)
            {
                GenericJsonMapper.Map(root, mapping, options, ev);
                return null;
            }
            return MapDialect(root, options, ev);
        }
    }

    private static string? MapDialect(JsonElement root, ParseOptions options, NormalizedEvent ev)
    {
        if (root.TryGetProperty("event_type", out _) && (root.TryGetProperty("src_ip", out _) || root.TryGetProperty("flow_id", out _)))
        {
            SuricataMapper.Map(root, options, ev);
        }
        else if (root.TryGetProperty("EventID", out _))
        {
            WindowsSecurityMapper.Map(root, options, ev);
        }
        else if (ZeekMapper.TryMap(root, options, ev))
        {
            // mapped
        }
        else if (root.TryGetProperty("eventType", out _) && root.TryGetProperty("actor", out _))
        {
            OktaMapper.Map(root, options, ev);
        }
        else if (root.TryGetProperty("eventSource", out _) && root.TryGetProperty("eventName", out _))
        {
            CloudTrailMapper.Map(root, options, ev);
        }
        else
        {
            GenericJsonMapper.MapCommonNames(root, options, ev);
        }
        return null;
    }

    private static void Flatten(JsonElement element, string? path, Dictionary<string, string> fields, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when depth < 16:
                foreach (var property in element.EnumerateObject())
                {
                    var name = path is null ? property.Name : string.Concat(path, ".", property.Name);
                    Flatten(property.Value, name, fields, depth + 1);
                }
                break;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                break;
            case JsonValueKind.String:
                fields[path ?? "value"] = element.GetString() ?? string.Empty;
                break;
            default:
                // Numbers, booleans, arrays and too-deep objects keep their JSON text.
                fields[path ?? "value"] = element.GetRawText();
                break;
        }
    }

    internal static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? Text(value) : null;

    internal static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => NullIfEmpty(value.GetString()),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };

    internal static int? Port(JsonElement element, string name)
    {
        var text = String(element, name);
        return text is not null && Numbers.TryPort(text, out var port) ? port : null;
    }

    internal static JsonElement Child(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    // ISO 8601 text, or epoch seconds (Zeek "ts": 1402307733.473) / milliseconds as a number or text.
    internal static bool TryTime(string? text, ParseOptions options, out DateTimeOffset utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        if (SyslogTimestamps.TryReadIso(text, options.TimeZone, out utc, out _))
        {
            return true;
        }
        // decimal, not double: "1216702277.477678" must give .477 exactly (truncated, as Zeek tools do).
        if (decimal.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var epoch)
            && epoch > 0 && epoch < 253402300799999)
        {
            var ms = epoch < 100_000_000_000 ? epoch * 1000 : epoch;
            utc = DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Truncate(ms));
            return true;
        }
        return CefParser.TryTime(text, options, out utc);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
