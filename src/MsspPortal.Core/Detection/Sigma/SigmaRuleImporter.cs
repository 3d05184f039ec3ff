using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MsspPortal.Core.Detection.Sigma;

/// <summary>
/// Imports one Sigma rule (YAML) as a <see cref="DetectionRule"/>: a <see cref="MatchRule"/>, or for the legacy
/// aggregation <c>| count() by X &gt; N</c> with a <c>timeframe</c> a <see cref="ThresholdRule"/>, and for
/// <c>| count(field) by X &gt; N</c> (distinct values, as Sigma 1.0 defines it) a <see cref="DistinctCountRule"/>.
/// A rule using anything we cannot evaluate faithfully is refused with every reason listed.
/// </summary>
public static partial class SigmaRuleImporter
{
    public static SigmaImportResult Import(string yaml, string? source = null)
    {
        var errors = new List<string>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count != 1)
            {
                return Refuse($"expected one YAML document, found {stream.Documents.Count} (rule collections are not supported)");
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                return Refuse("the document is not a mapping");
            }
            root = mapping;
        }
        catch (YamlException ex)
        {
            return Refuse($"invalid YAML: {ex.Message}");
        }

        var title = Scalar(root, "title");
        var id = Scalar(root, "id");
        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add("missing 'title'");
        }
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add("missing 'id' (alerts are keyed by it)");
        }
        if (Child(root, "correlation") is not null)
        {
            errors.Add("Sigma correlation rules are not supported; use the legacy '| count() by' form");
        }

        var logsource = Child(root, "logsource") as YamlMappingNode;
        var product = logsource is null ? null : Scalar(logsource, "product");
        var category = logsource is null ? null : Scalar(logsource, "category");
        var service = logsource is null ? null : Scalar(logsource, "service");

        if (Child(root, "detection") is not YamlMappingNode detection)
        {
            errors.Add("missing 'detection'");
            return new SigmaImportResult(null, errors);
        }

        var selections = new Dictionary<string, RuleCondition>(StringComparer.Ordinal);
        YamlNode? conditionNode = null;
        string? timeframe = null;
        foreach (var (keyNode, value) in detection.Children)
        {
            if (keyNode is not YamlScalarNode { Value: var key } || key is null)
            {
                errors.Add("a key under 'detection' is not a name (a list or a map cannot name a selection)");
                continue;
            }
            switch (key)
            {
                case "condition":
                    conditionNode = value;
                    break;
                case "timeframe":
                    timeframe = (value as YamlScalarNode)?.Value;
                    break;
                default:
                    if (BuildSelection(key, value, product, category, errors) is { } selection)
                    {
                        selections[key] = selection;
                    }
                    break;
            }
        }

        var conditions = conditionNode switch
        {
            YamlScalarNode scalar => [scalar.Value ?? ""],
            YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
            _ => new List<string>(),
        };
        if (conditions.Count == 0)
        {
            errors.Add("missing 'detection.condition'");
        }

        var filters = new List<RuleCondition>();
        Aggregation? aggregation = null;
        foreach (var condition in conditions)
        {
            var pipe = condition.IndexOf('|', StringComparison.Ordinal);
            var expression = pipe < 0 ? condition : condition[..pipe];
            if (pipe >= 0)
            {
                if (conditions.Count > 1)
                {
                    errors.Add("an aggregation is only supported in a single condition");
                }
                aggregation = ParseAggregation(condition[(pipe + 1)..].Trim(), product, category, errors);
            }
            if (SigmaConditionParser.Parse(expression, selections, errors) is { } parsed)
            {
                filters.Add(parsed);
            }
        }

        TimeSpan? window = null;
        if (aggregation is not null)
        {
            window = timeframe is null ? null : ParseTimeframe(timeframe);
            if (window is null)
            {
                errors.Add(timeframe is null ? "an aggregation needs a 'timeframe'"
                    : $"timeframe '{timeframe}' is not understood (use e.g. 30s, 10m, 1h, 1d; from 1s to {MaxTimeframe.TotalDays:0}d)");
            }
        }

        var level = Scalar(root, "level");
        var severity = ParseLevel(level, errors);
        if (errors.Count > 0)
        {
            return new SigmaImportResult(null, errors);
        }

        var tags = Sequence(root, "tags");
        var provenance = new RuleProvenance(Scalar(root, "author") ?? "unknown", source ?? "sigma")
        {
            Status = Scalar(root, "status"),
            SourceId = id,
            References = Sequence(root, "references"),
            Tags = tags,
            Logsource = string.Join('/', new[] { product, service, category }.Where(p => p is not null)),
        };
        var baseRisk = Scalar(root, "mssp_base_risk") is { } riskText && int.TryParse(riskText, CultureInfo.InvariantCulture, out var risk)
            ? Math.Clamp(risk, 0, 100)
            : DetectionSeverities.DefaultBaseRisk(severity);
        var filter = filters.Count == 1 ? filters[0] : new AnyOf(filters);
        var techniques = tags.Select(t => TechniqueTag().Match(t)).Where(m => m.Success).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().ToList();

        DetectionRule rule = aggregation switch
        {
            null => new MatchRule { Id = id!, Title = title!, Filter = filter },
            { DistinctField: { } distinct } => new DistinctCountRule
            {
                Id = id!, Title = title!, Filter = filter, DistinctField = distinct, Count = aggregation.Count, Window = window!.Value,
                GroupBy = aggregation.GroupBy, DedupWindow = window.Value,
            },
            _ => new ThresholdRule
            {
                Id = id!, Title = title!, Filter = filter, Count = aggregation.Count, Window = window!.Value,
                GroupBy = aggregation.GroupBy, DedupWindow = window.Value,
            },
        };
        return new SigmaImportResult(
            rule with
            {
                Description = Scalar(root, "description"),
                Severity = severity,
                BaseRisk = baseRisk,
                Techniques = techniques,
                Provenance = provenance,
            },
            []);

        SigmaImportResult Refuse(string reason) => new(null, [reason]);
    }

    private static RuleCondition? BuildSelection(string name, YamlNode node, string? product, string? category, List<string> errors)
    {
        switch (node)
        {
            case YamlMappingNode map:
                return BuildMap(name, map, product, category, errors);
            case YamlSequenceNode list when list.Children.All(c => c is YamlMappingNode):
                var alternatives = list.Children.Select(c => BuildMap(name, (YamlMappingNode)c, product, category, errors)).ToList();
                return alternatives.Exists(a => a is null) ? null : new AnyOf(alternatives.ConvertAll(a => a!));
            case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                // Keywords: free-text search in the message.
                return SigmaValues.Build("message", ["contains"], [.. list.Children.Select(c => ((YamlScalarNode)c).Value)], errors);
            case YamlScalarNode scalar:
                return SigmaValues.Build("message", ["contains"], [scalar.Value], errors);
            default:
                errors.Add($"selection '{name}' mixes maps and values, which is not supported");
                return null;
        }
    }

    private static RuleCondition? BuildMap(string name, YamlMappingNode map, string? product, string? category, List<string> errors)
    {
        var parts = new List<RuleCondition>();
        var before = errors.Count;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: var key } || key is null)
            {
                errors.Add($"selection '{name}': a field name is a list or a map, not a name");
                continue;
            }
            var segments = key.Split('|');
            var field = SigmaFieldMap.Map(segments[0], product, category);
            IReadOnlyList<string?> values = valueNode switch
            {
                YamlScalarNode scalar => [NullIfNull(scalar)],
                YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode) => [.. sequence.Children.Select(c => NullIfNull((YamlScalarNode)c))],
                _ => [],
            };
            if (values.Count == 0)
            {
                errors.Add($"selection '{name}', field '{key}': value must be a string or a list of strings");
                continue;
            }
            if (SigmaValues.Build(field, segments[1..], values, errors) is { } condition)
            {
                parts.Add(condition);
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        return parts.Count == 1 ? parts[0] : new AllOf(parts);
    }

    private sealed record Aggregation(string? DistinctField, IReadOnlyList<string> GroupBy, int Count);

    private static Aggregation? ParseAggregation(string text, string? product, string? category, List<string> errors)
    {
        var match = CountAggregation().Match(text);
        if (!match.Success)
        {
            errors.Add($"aggregation '{text}' is not supported (only 'count() [by field] > N' or 'count(field) [by field] > N')");
            return null;
        }
        // The pattern admits any run of digits; a count the engine cannot hold is refused, not an overflow (a 500).
        if (!int.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var threshold) || threshold > MaxCount)
        {
            errors.Add($"aggregation count {match.Groups["n"].Value} is too large (at most {MaxCount})");
            return null;
        }
        var count = match.Groups["op"].Value == ">" ? threshold + 1 : threshold;
        if (count < 1)
        {
            errors.Add($"aggregation '{text}' would fire on every event");
            return null;
        }
        var distinct = match.Groups["field"].Value is { Length: > 0 } f ? SigmaFieldMap.Map(f, product, category) : null;
        var groupBy = match.Groups["by"].Success
            ? match.Groups["by"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(g => SigmaFieldMap.Map(g, product, category)).ToList()
            : [];
        return new Aggregation(distinct, groupBy, count);
    }

    internal static TimeSpan? ParseTimeframe(string text)
    {
        var match = Timeframe().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }
        if (!int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return null;
        }
        // Compared in seconds as long: TimeSpan.FromDays(int.MaxValue) throws rather than saturating.
        long seconds = match.Groups[2].Value switch
        {
            "s" => amount,
            "m" => amount * 60L,
            "h" => amount * 3600L,
            _ => amount * 86400L,
        };
        return seconds <= (long)MaxTimeframe.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    // The longest window a rule may keep open: the engine holds each group's events for that long.
    internal static readonly TimeSpan MaxTimeframe = TimeSpan.FromDays(30);

    private const int MaxCount = 1_000_000;

    private static DetectionSeverity ParseLevel(string? level, List<string> errors)
    {
        switch (level?.ToLowerInvariant())
        {
            case "informational":
                return DetectionSeverity.Informational;
            case "low":
                return DetectionSeverity.Low;
            case "medium" or null:
                return DetectionSeverity.Medium;
            case "high":
                return DetectionSeverity.High;
            case "critical":
                return DetectionSeverity.Critical;
            default:
                errors.Add($"unknown level '{level}'");
                return DetectionSeverity.Medium;
        }
    }

    private static string? NullIfNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && scalar.Value is null or "" or "null" or "~" ? null : scalar.Value;

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode map, string key) => (Child(map, key) as YamlScalarNode)?.Value;

    private static List<string> Sequence(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode sequence ? [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")] : [];

    [GeneratedRegex(@"^count\(\s*(?<field>[\w.\-]*)\s*\)\s*(?:by\s+(?<by>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)\s*)?(?<op>>=|>)\s*(?<n>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CountAggregation();

    [GeneratedRegex(@"^(\d+)([smhd])$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Timeframe();

    [GeneratedRegex(@"^attack\.(t\d{4}(?:\.\d{3})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TechniqueTag();
}
