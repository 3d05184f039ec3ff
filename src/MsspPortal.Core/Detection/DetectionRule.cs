using System.Text.Json.Serialization;

namespace MsspPortal.Core.Detection;

/// <summary>
/// A detection rule as data. The kind of rule is its type; every kind shares identity, severity, ATT&amp;CK
/// mapping, the <see cref="Filter"/> that selects the events it looks at, and the fields that form the
/// group key (the entity an alert is about).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MatchRule), "match")]
[JsonDerivedType(typeof(ThresholdRule), "threshold")]
[JsonDerivedType(typeof(DistinctCountRule), "distinct-count")]
[JsonDerivedType(typeof(SequenceRule), "sequence")]
[JsonDerivedType(typeof(IndicatorRule), "indicator")]
[JsonDerivedType(typeof(NewLocationRule), "new-location")]
public abstract record DetectionRule
{
    public static IReadOnlyList<string> EntityFields { get; } = ["source.ip", "user.name", "host.name"];

    public required string Id { get; init; }

    public required string Title { get; init; }

    public string? Description { get; init; }

    public DetectionSeverity Severity { get; init; } = DetectionSeverity.Medium;

    /// <summary>0..100, the starting point of the risk score (see docs/scoring.md).</summary>
    public int BaseRisk { get; init; } = 50;

    /// <summary>ATT&amp;CK technique ids, e.g. T1110.003.</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];

    public RuleCondition Filter { get; init; } = RuleCondition.True;

    /// <summary>Fields whose values identify the entity; the detection's group key is built from them.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = EntityFields;

    /// <summary>How long further detections for the same group key belong to the same alert.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromHours(1);

    public RuleProvenance Provenance { get; init; } = RuleProvenance.BuiltIn;
}

/// <summary>Who wrote the rule and where it came from; Sigma's DRL licence requires the author to be shown.</summary>
public sealed record RuleProvenance(string Author, string Source)
{
    public static RuleProvenance BuiltIn { get; } = new("MsspPortal", "built-in");

    public string? Status { get; init; }

    public string? SourceId { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Logsource { get; init; }
}

/// <summary>Raises on every event that passes the filter.</summary>
public sealed record MatchRule : DetectionRule
{
    /// <summary>Take severity and risk from the device (IDS/IPS pass-through) rather than from the rule.</summary>
    public bool SeverityFromEvent { get; init; }
}

/// <summary>At least <see cref="Count"/> filtered events for one group key within <see cref="Window"/>.</summary>
public sealed record ThresholdRule : DetectionRule
{
    public required int Count { get; init; }

    public required TimeSpan Window { get; init; }
}

/// <summary>At least <see cref="Count"/> distinct values of <see cref="DistinctField"/> for one group key within the window.</summary>
public sealed record DistinctCountRule : DetectionRule
{
    public required string DistinctField { get; init; }

    public required int Count { get; init; }

    public required TimeSpan Window { get; init; }
}

/// <summary>
/// <see cref="FirstCount"/> events matching <see cref="DetectionRule.Filter"/>, then one matching
/// <see cref="Then"/>, for the same group key within the window (e.g. failed logons, then a success).
/// </summary>
public sealed record SequenceRule : DetectionRule
{
    public required RuleCondition Then { get; init; }

    public int FirstCount { get; init; } = 1;

    public required TimeSpan Window { get; init; }
}

/// <summary>An event field holds a value on a threat-intelligence list.</summary>
public sealed record IndicatorRule : DetectionRule
{
    public bool CheckAddresses { get; init; } = true;

    public bool CheckDomains { get; init; } = true;

    public bool CheckUrls { get; init; } = true;

    public bool CheckFileHashes { get; init; } = true;
}

/// <summary>
/// A successful logon from a country (or, when no country is known, a network) that the user has not logged
/// on from within <see cref="Lookback"/>. A user's first logon only teaches the rule.
/// </summary>
public sealed record NewLocationRule : DetectionRule
{
    public TimeSpan Lookback { get; init; } = TimeSpan.FromDays(30);

    public string UserField { get; init; } = "user.name";
}
