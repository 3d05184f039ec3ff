namespace MsspPortal.Web.Features.Compliance.Frameworks.Checks;

// A tenant's months in its own time zone (an unknown zone is read as UTC): a check covers one calendar month, and is
// due once that month has ended there.
public static class ComplianceCalendar
{
    public static TimeZoneInfo Zone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTimeOffset StartsAt(DateOnly month, TimeZoneInfo zone)
    {
        var local = new DateTime(month.Year, month.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset EndsAt(DateOnly month, TimeZoneInfo zone) => StartsAt(month.AddMonths(1), zone);

    // The month that ended most recently in the tenant's calendar at this instant.
    public static DateOnly LastEndedMonth(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DateOnly(local.Year, local.Month, 1).AddMonths(-1);
    }

    public static DateOnly Parse(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d : default;
}
