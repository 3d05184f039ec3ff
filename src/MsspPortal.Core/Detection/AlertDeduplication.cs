namespace MsspPortal.Core.Detection;

/// <summary>
/// Same rule and same entity within the rule's dedup window is one alert. The app looks up the open alert by
/// <see cref="KeyOf(string, string)"/>, checks <see cref="Extends"/>, and adds the detection's event count and
/// times to it; <see cref="Collapse"/> does the same within one ingestion batch so the app writes once per alert.
/// </summary>
public static class AlertDeduplication
{
    public static string KeyOf(string ruleId, string groupKey) => string.Concat(ruleId, "|", groupKey);

    public static string KeyOf(DetectionResult detection) => detection.AlertKey;

    /// <summary>
    /// The key of the one alert that folds a rule's detections once the rule has raised its budget of new alerts in
    /// the hour starting at <paramref name="hour"/>: a storm of 28,000 entity-risk alerts becomes a budget plus one.
    /// </summary>
    public static string SummaryKeyOf(string ruleId, DateTimeOffset hour) =>
        string.Concat(ruleId, "|burst:", hour.UtcDateTime.ToString("yyyy-MM-ddTHH", System.Globalization.CultureInfo.InvariantCulture), "Z");

    /// <summary>The start of the hour that <paramref name="at"/> falls in (UTC), the unit of the per-rule budget.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>True when the detection belongs to an alert last seen at <paramref name="alertLastSeen"/>.</summary>
    public static bool Extends(DetectionResult detection, DateTimeOffset alertLastSeen) =>
        detection.FirstEventTime - alertLastSeen <= detection.DedupWindow;

    public static IReadOnlyList<AlertDraft> Collapse(IEnumerable<DetectionResult> detections)
    {
        // One mutable draft per open key while folding: a flood gives thousands of detections per key and chunk.
        var drafts = new List<DraftBuilder>();
        var open = new Dictionary<string, DraftBuilder>(StringComparer.OrdinalIgnoreCase);
        foreach (var detection in detections.OrderBy(d => d.EventTime))
        {
            var key = detection.AlertKey;
            if (open.TryGetValue(key, out var draft) && Extends(detection, draft.LastSeen))
            {
                draft.Latest = detection;
                draft.FirstSeen = detection.FirstEventTime < draft.FirstSeen ? detection.FirstEventTime : draft.FirstSeen;
                draft.LastSeen = detection.EventTime;
                draft.EventCount += detection.EventCount;
                continue;
            }
            draft = new DraftBuilder(key, detection);
            open[key] = draft;
            drafts.Add(draft);
        }
        return [.. drafts.Select(d => new AlertDraft(d.Key, d.First, d.Latest, d.FirstSeen, d.LastSeen, d.EventCount))];
    }

    private sealed class DraftBuilder(string key, DetectionResult first)
    {
        public string Key { get; } = key;

        public DetectionResult First { get; } = first;

        public DetectionResult Latest { get; set; } = first;

        public DateTimeOffset FirstSeen { get; set; } = first.FirstEventTime;

        public DateTimeOffset LastSeen { get; set; } = first.EventTime;

        public int EventCount { get; set; } = first.EventCount;
    }
}

/// <summary>One alert to insert or to merge into the open alert with the same key.</summary>
public sealed record AlertDraft(
    string AlertKey,
    DetectionResult First,
    DetectionResult Latest,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int EventCount);
