using MsspPortal.Core.Attack;

namespace MsspPortal.Core.Scoring;

/// <summary>Everything the risk score looks at, as plain values the app reads from its own tables.</summary>
public sealed record RiskInputs(int BaseRisk, DateTimeOffset EventTime)
{
    /// <summary>1 (minimal) .. 5 (critical); null when the asset is unknown.</summary>
    public int? AssetCriticality { get; init; }

    public string? AssetName { get; init; }

    /// <summary>The business service the asset belongs to (e.g. "webshop"), for protection windows.</summary>
    public string? Service { get; init; }

    /// <summary>0..100 when a threat-intel indicator was involved.</summary>
    public int? IntelConfidence { get; init; }

    /// <summary>The latest kill-chain stage among the detection's techniques (<see cref="AttackCatalog.LatestTactic"/>).</summary>
    public AttackTactic? Tactic { get; init; }

    public IReadOnlyList<WeightedPeriod> ProtectionWindows { get; init; } = [];

    /// <summary>What an hour of downtime of the asset's service costs the customer, in its currency.</summary>
    public decimal? DowntimeCostPerHour { get; init; }

    /// <summary>Analyst or tenant tuning in points, e.g. −15 for a known vulnerability scanner.</summary>
    public IReadOnlyList<RiskAdjustment> Adjustments { get; init; } = [];
}

/// <summary>A period when services in scope weigh more in the score (the tenant's protection windows: a sales promotion, month-end closing).</summary>
public sealed record WeightedPeriod(string Name, DateTimeOffset Start, DateTimeOffset End, double Multiplier = 1.2)
{
    /// <summary>Services in scope; empty means every service of the tenant.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    public bool Applies(DateTimeOffset time, string? service) =>
        time >= Start && time < End
        && (Services.Count == 0 || (service is not null && Services.Contains(service, StringComparer.OrdinalIgnoreCase)));
}

public sealed record RiskAdjustment(string Name, int Points, string Reason);

public enum RiskFactorKind
{
    Base = 0,
    Multiplier,
    Addend,

    /// <summary>The saturating curve applied to the raw value; its value is the resulting score.</summary>
    Curve,
}

public sealed record RiskFactor(string Name, RiskFactorKind Kind, double Value, string Reason);

/// <summary>
/// The score with its explanation: <see cref="Explanation"/> reads like "62 = rule 47 × critical asset 1.5 …".
/// <see cref="Unclamped"/> is the raw value before the curve (<see cref="RiskScorer.Curve"/>).
/// </summary>
public sealed record RiskScore(int Value, double Unclamped, IReadOnlyList<RiskFactor> Factors, string Explanation);
