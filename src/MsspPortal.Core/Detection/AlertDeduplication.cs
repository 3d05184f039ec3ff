namespace MsspPortal.Core.Detection;

/// <summary>
/// Same rule and same entity within the rule's dedup window is one alert. The app looks up the open alert by
/// <see cref="KeyOf(string, string)"/>, checks <see cref="Extends"/>, and adds the detection's event count and
/// times to it; <see cref="Collapse"/> does the same within one ingestion batch so the app writes once per alert.
/// </summary>
public static class AlertDeduplication
{
    public static string KeyOf(string ruleId, string groupKey) => string.Concat(ruleId, "|", groupKey);

    public static string KeyOf(DetectionResult detection) => KeyOf(detection.RuleId, detection.GroupKey);

    /// <summary>True when the detection belongs to an alert last seen at <paramref name="alertLastSeen"/>.</summary>
    public static bool Extends(DetectionResult detection, DateTimeOffset alertLastSeen) =>
        detection.FirstEventTime - alertLastSeen <= detection.DedupWindow;

    public static IReadOnlyList<AlertDraft> Collapse(IEnumerable<DetectionResult> detections)
    {
        var drafts = new List<AlertDraft>();
        var open = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var detection in detections.OrderBy(d => d.EventTime))
        {
            var key = KeyOf(detection);
            if (open.TryGetValue(key, out var at) && Extends(detection, drafts[at].LastSeen))
            {
                var draft = drafts[at];
                drafts[at] = draft with
                {
                    Latest = detection,
                    FirstSeen = detection.FirstEventTime < draft.FirstSeen ? detection.FirstEventTime : draft.FirstSeen,
                    LastSeen = detection.EventTime,
                    EventCount = draft.EventCount + detection.EventCount,
                };
                continue;
            }
            open[key] = drafts.Count;
            drafts.Add(new AlertDraft(key, detection, detection, detection.FirstEventTime, detection.EventTime, detection.EventCount));
        }
        return drafts;
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
