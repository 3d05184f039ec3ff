namespace MsspPortal.Core.Detection;

/// <summary>What the engine reports; the app turns it into an alert (or updates an open one with the same key).</summary>
public sealed record DetectionResult
{
    public required Guid TenantId { get; init; }

    public required string RuleId
    {
        get;
        init
        {
            field = value;
            _alertKey = null;
        }
    }

    public required string RuleTitle { get; init; }

    public required DetectionSeverity Severity { get; init; }

    public required int BaseRisk { get; init; }

    public required IReadOnlyList<string> Techniques { get; init; }

    public required DetectionEntities Entities { get; init; }

    /// <summary>The values of the rule's group-by fields; with the rule id it is the deduplication key.</summary>
    public required string GroupKey
    {
        get;
        init
        {
            field = value;
            _alertKey = null;
        }
    }

    /// <summary>Time of the event that completed the detection.</summary>
    public required DateTimeOffset EventTime { get; init; }

    /// <summary>Time of the first event the detection covers (start of the window for aggregations).</summary>
    public required DateTimeOffset FirstEventTime { get; init; }

    /// <summary>Events this detection adds to its alert: the whole window when a threshold is crossed, then 1 per event.</summary>
    public int EventCount { get; init; } = 1;

    public required TimeSpan DedupWindow { get; init; }

    /// <summary>Device signature name, matched indicator or similar, for the analyst.</summary>
    public string? Detail { get; init; }

    /// <summary>Threat-intel confidence 0..100 when an indicator matched.</summary>
    public int? IntelConfidence { get; init; }

    /// <summary>For entity-risk detections: the alert keys whose risk added up.</summary>
    public IReadOnlyList<string> ContributingAlertKeys { get; init; } = [];

    /// <summary>Built once: a flood yields a detection per event and the key is read several times for each.</summary>
    public string AlertKey => _alertKey ??= AlertDeduplication.KeyOf(RuleId, GroupKey);

    private string? _alertKey;
}

public sealed record DetectionEntities(string? SourceIp, string? UserName, string? HostName, string? DestinationIp = null);
