namespace MsspPortal.Core.Intel;

public enum IndicatorType
{
    IpAddress = 0,
    Domain,
    Url,
    FileHash,
}

/// <summary>One known-bad value. <see cref="TenantId"/> null means an MSSP-wide list that applies to every tenant.</summary>
public sealed record ThreatIndicator(IndicatorType Type, string Value, string Source)
{
    /// <summary>0..100, as in STIX; the risk score uses it (docs/scoring.md).</summary>
    public int Confidence { get; init; } = 50;

    public DateTimeOffset? ValidFrom { get; init; }

    public DateTimeOffset? ValidUntil { get; init; }

    public string? Description { get; init; }

    public Guid? TenantId { get; init; }

    public bool IsValidAt(DateTimeOffset time) =>
        (ValidFrom is null || time >= ValidFrom) && (ValidUntil is null || time < ValidUntil);
}

public sealed record IntelImportResult(IReadOnlyList<ThreatIndicator> Indicators, IReadOnlyList<string> Skipped);
