namespace MsspPortal.Web.Features.Value.Model;

// A calendar month in the tenant's time zone, as the UTC instants [From, To) it covers: November in Shanghai starts at
// 2026-10-31T16:00Z. An unknown zone id falls back to UTC (and says so).
public sealed record MonthWindow(int Year, int Month, DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone, bool ZoneKnown)
{
    public static MonthWindow Of(int year, int month, string? timeZoneId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var known = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "UTC", out var zone);
        zone ??= TimeZoneInfo.Utc;
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new MonthWindow(year, month, Start(first, zone), Start(first.AddMonths(1), zone), zone, known);
    }

    // The local days the month covers, for links to pages that filter by day.
    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public string Name => FirstDay.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public bool Contains(DateTimeOffset at) => at >= From && at < To;

    // Local midnight as a UTC instant; a midnight a clock change skips starts at the first minute that exists.
    private static DateTimeOffset Start(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
