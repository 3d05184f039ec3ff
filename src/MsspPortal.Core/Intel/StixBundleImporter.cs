using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MsspPortal.Core.Intel;

/// <summary>
/// Reads STIX 2.1 <c>indicator</c> objects whose pattern is one comparison, or several joined by OR, of an
/// address, domain, URL or file hash. Anything richer (AND, FOLLOWEDBY, other objects) is reported as skipped:
/// matching it by one value would raise false alerts.
/// </summary>
public static partial class StixBundleImporter
{
    public static IntelImportResult Import(Stream json, string source, Guid? tenantId = null)
    {
        using var document = JsonDocument.Parse(json);
        return Import(document.RootElement, source, tenantId);
    }

    public static IntelImportResult Import(string json, string source, Guid? tenantId = null)
    {
        using var document = JsonDocument.Parse(json);
        return Import(document.RootElement, source, tenantId);
    }

    private static IntelImportResult Import(JsonElement root, string source, Guid? tenantId)
    {
        var indicators = new List<ThreatIndicator>();
        var skipped = new List<string>();
        if (!root.TryGetProperty("objects", out var objects) || objects.ValueKind != JsonValueKind.Array)
        {
            return new IntelImportResult(indicators, ["Not a STIX bundle: no 'objects' array."]);
        }
        foreach (var item in objects.EnumerateArray())
        {
            if (Text(item, "type") != "indicator")
            {
                continue;
            }
            var id = Text(item, "id") ?? "(no id)";
            if (item.TryGetProperty("revoked", out var revoked) && revoked.ValueKind == JsonValueKind.True)
            {
                skipped.Add($"{id}: revoked");
                continue;
            }
            if (Text(item, "pattern_type") is { } patternType && patternType != "stix")
            {
                skipped.Add($"{id}: pattern type '{patternType}' is not supported");
                continue;
            }
            var pattern = Text(item, "pattern");
            if (pattern is null || !TryParsePattern(pattern, out var values))
            {
                skipped.Add($"{id}: pattern not supported: {pattern}");
                continue;
            }
            var confidence = item.TryGetProperty("confidence", out var c) && c.TryGetInt32(out var parsed) ? Math.Clamp(parsed, 0, 100) : 50;
            foreach (var (type, value) in values)
            {
                indicators.Add(new ThreatIndicator(type, IndicatorValues.Normalize(type, value), source)
                {
                    Confidence = confidence,
                    ValidFrom = Time(item, "valid_from"),
                    ValidUntil = Time(item, "valid_until"),
                    Description = Text(item, "name") ?? Text(item, "description"),
                    TenantId = tenantId,
                });
            }
        }
        return new IntelImportResult(indicators, skipped);
    }

    internal static bool TryParsePattern(string pattern, out List<(IndicatorType Type, string Value)> values)
    {
        values = [];
        var body = pattern.Trim();
        if (body.Contains(" AND ", StringComparison.Ordinal) || body.Contains("FOLLOWEDBY", StringComparison.Ordinal)
            || body.Contains(" WITHIN ", StringComparison.Ordinal) || body.Contains(" REPEATS ", StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var part in body.Split(" OR ", StringSplitOptions.TrimEntries))
        {
            var match = Comparison().Match(part);
            if (!match.Success)
            {
                return false;
            }
            var objectType = match.Groups["object"].Value;
            var path = match.Groups["path"].Value;
            IndicatorType? type = objectType switch
            {
                "ipv4-addr" or "ipv6-addr" when path == "value" => IndicatorType.IpAddress,
                "domain-name" when path == "value" => IndicatorType.Domain,
                "url" when path == "value" => IndicatorType.Url,
                "file" when path.StartsWith("hashes.", StringComparison.Ordinal) => IndicatorType.FileHash,
                _ => null,
            };
            if (type is null)
            {
                return false;
            }
            values.Add((type.Value, match.Groups["value"].Value.Replace("\\'", "'", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal)));
        }
        return values.Count > 0;
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Time(JsonElement item, string name) =>
        Text(item, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    [GeneratedRegex(@"^\[?\s*(?<object>[a-z0-9-]+):(?<path>[A-Za-z0-9_.'\-]+)\s*=\s*'(?<value>(?:[^'\\]|\\.)*)'\s*\]?$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Comparison();
}
