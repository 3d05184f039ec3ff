namespace MsspPortal.Core.Detection;

public enum DetectionSeverity
{
    Informational = 0,
    Low,
    Medium,
    High,
    Critical,
}

public static class DetectionSeverities
{
    /// <summary>Maps a device severity on the CEF 0..10 scale onto ours.</summary>
    public static DetectionSeverity FromDeviceScale(int severity) => severity switch
    {
        <= 0 => DetectionSeverity.Informational,
        <= 3 => DetectionSeverity.Low,
        <= 6 => DetectionSeverity.Medium,
        <= 8 => DetectionSeverity.High,
        _ => DetectionSeverity.Critical,
    };

    /// <summary>The base risk a rule gets when its author gave only a level (Sigma rules).</summary>
    public static int DefaultBaseRisk(DetectionSeverity severity) => severity switch
    {
        DetectionSeverity.Informational => 10,
        DetectionSeverity.Low => 25,
        DetectionSeverity.Medium => 50,
        DetectionSeverity.High => 75,
        _ => 90,
    };
}
