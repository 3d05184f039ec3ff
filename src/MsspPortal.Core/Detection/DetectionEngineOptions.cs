using MsspPortal.Core.Intel;

namespace MsspPortal.Core.Detection;

public sealed record DetectionEngineOptions
{
    public ThreatIntelStore Intel { get; init; } = new();

    public LocationResolver Locations { get; init; } = LocationResolver.Empty;

    /// <summary>Open windows per rule per tenant; beyond it new groups are dropped (counted in <see cref="DetectionEngine.DroppedGroups"/>).</summary>
    public int MaxGroupsPerRule { get; init; } = 100_000;

    /// <summary>How often, in event time, expired windows are swept.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMinutes(1);
}
