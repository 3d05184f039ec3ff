namespace MsspPortal.Core.Scoring;

/// <summary>The weights of the risk formula; docs/scoring.md says why each has its value.</summary>
public sealed record RiskWeights
{
    public static RiskWeights Default { get; } = new();

    /// <summary>Multiplier per asset criticality 1..5.</summary>
    public IReadOnlyList<double> Criticality { get; init; } = [0.5, 0.75, 1.0, 1.5, 2.0];

    /// <summary>Intel multiplier runs linearly from this at confidence 0 ...</summary>
    public double IntelAtZeroConfidence { get; init; } = 0.8;

    /// <summary>... to this at confidence 100.</summary>
    public double IntelAtFullConfidence { get; init; } = 1.5;

    /// <summary>Tactic multiplier runs linearly from Reconnaissance ...</summary>
    public double FirstTactic { get; init; } = 0.8;

    /// <summary>... to Impact.</summary>
    public double LastTactic { get; init; } = 1.3;

    /// <summary>Downtime cost below this per hour does not change the score.</summary>
    public decimal DowntimeFloorPerHour { get; init; } = 1_000m;

    /// <summary>Added to the multiplier per tenfold of downtime cost above the floor.</summary>
    public double DowntimePerDecade { get; init; } = 0.15;

    public double DowntimeCap { get; init; } = 1.5;

    /// <summary>A raw score up to this is the score itself; above it the curve bends towards 100.</summary>
    public double CurveKnee { get; init; } = 50;

    /// <summary>Above the knee, every this many raw points halve the distance left to 100.</summary>
    public double CurveHalving { get; init; } = 50;
}
