namespace MsspPortal.Core.Parsing;

/// <summary>How to read lines from one log source.</summary>
/// <param name="TimeZone">Zone of timestamps that carry none (RFC 3164, PAN-OS, CEF rt without zone).</param>
/// <param name="ReceivedAt">When the line arrived; the year of year-less timestamps and the time of time-less lines.</param>
/// <param name="JsonMapping">ECS field → JSON path for JSON sources that are not a known dialect.</param>
/// <param name="MaxLineLength">Longer lines are cut to this many characters and flagged as truncated.</param>
public sealed record ParseOptions(
    TimeZoneInfo TimeZone,
    DateTimeOffset ReceivedAt,
    JsonFieldMapping? JsonMapping = null,
    int MaxLineLength = 65536)
{
    public static ParseOptions Utc(DateTimeOffset receivedAt) => new(TimeZoneInfo.Utc, receivedAt);
}
