using System.Text.Json;
using MsspPortal.Core.Attack;
using MsspPortal.Core.Detection;
using MsspPortal.Core.Scoring;
using MsspPortal.Web.Domain;

namespace MsspPortal.Web.Pipeline;

/// <summary>The portal's side of scoring: turns what it knows (asset, windows, catalogue) into <see cref="RiskInputs"/>.</summary>
[PipelineEntryPoint]
public static class AlertScoring
{
    public static RiskScore Score(int baseRisk, DateTimeOffset eventTime, AssetInfo? asset, int? intelConfidence,
        IEnumerable<string> techniques, IReadOnlyList<WeightedPeriod> windows, AttackCatalog catalog) =>
        RiskScorer.Score(new RiskInputs(baseRisk, eventTime)
        {
            AssetCriticality = asset?.Criticality,
            AssetName = asset?.Name,
            Service = asset?.Service,
            DowntimeCostPerHour = asset is { DowntimeCostPerHour: > 0 } ? asset.DowntimeCostPerHour : null,
            IntelConfidence = intelConfidence,
            Tactic = catalog.LatestTactic(techniques),
            ProtectionWindows = windows,
        });

    public static string FactorsJson(RiskScore score) => JsonSerializer.Serialize(score.Factors);

    public static IReadOnlyList<RiskFactor> ReadFactors(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        try
        {
            return JsonSerializer.Deserialize<List<RiskFactor>>(json) ?? [];
        }
        catch (JsonException)
        {
            // A breakdown written by an older version still shows as its explanation text.
            return [];
        }
    }

    public static WeightedPeriod ToCore(ProtectionWindow window) =>
        new(window.Name, window.StartsAt, window.EndsAt, window.Weight)
        {
            Services = [.. window.Services.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };

    public static AlertSeverity ToAlertSeverity(DetectionSeverity severity) => severity switch
    {
        DetectionSeverity.Critical => AlertSeverity.Critical,
        DetectionSeverity.High => AlertSeverity.High,
        DetectionSeverity.Medium => AlertSeverity.Medium,
        _ => AlertSeverity.Low,
    };
}
